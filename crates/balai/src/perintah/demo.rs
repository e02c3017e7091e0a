//! `balai demo`: a realistic demo village, and its accounts.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_domain::KodeDesa;
use balai_store::demo::generate::DemoPlan;
use balai_store::pengguna::{PenggunaBaru, Peran, sandi_sementara};
use balai_store::{Aktor, Store};
use std::process::ExitCode;

/// Donorejo, Kecamatan Limpung, Kabupaten Batang.
pub const DESA_BAWAAN: &str = "3325082004";

#[derive(clap::Args, Debug)]
pub struct ArgDemo {
    /// Kode desa Kemendagri (10 angka, boleh bertitik); bawaan desa Donorejo, Kabupaten Batang.
    /// Beberapa desa dipisah koma (mis. 3325082004,3325082005,3325082006) untuk demo kabupaten
    #[arg(long, default_value = DESA_BAWAAN)]
    pub desa: String,
    /// Jumlah penduduk (di atas 100.000 dibagi ke beberapa desa satu kabupaten)
    #[arg(long, default_value_t = 2500)]
    pub residents: usize,
    /// Benih acak; benih yang sama menghasilkan data yang sama
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Tanpa APBDes dan transaksi contoh (untuk berlatih menyusun APBDes dari awal)
    #[arg(long)]
    pub tanpa_keuangan: bool,
}

pub async fn demo(k: &Konfigurasi, a: ArgDemo) -> Hasil {
    let store = buka(k).await?;
    // Each village its own seed, so that no two demo residents share a NIK.
    for (i, desa) in a.desa.split(',').map(str::trim).enumerate() {
        let satu = ArgDemo {
            desa: desa.to_string(),
            residents: a.residents,
            seed: a.seed.wrapping_add(i as u64),
            tanpa_keuangan: a.tanpa_keuangan,
        };
        isi(&store, &satu).await?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Fills the demo only when no village exists yet (`serve --demo`).
pub async fn demo_bila_kosong(store: &Store, tanpa_keuangan: bool) -> Result<(), String> {
    if !store.daftar_desa("").await.map_err(pesan)?.is_empty() {
        println!("Basis data sudah berisi desa; demo tidak dibuat ulang.");
        println!("Lupa kata sandi admin? Jalankan: balai user reset-password admin");
        return Ok(());
    }
    isi(
        store,
        &ArgDemo {
            desa: DESA_BAWAAN.into(),
            residents: 2500,
            seed: 2026,
            tanpa_keuangan,
        },
    )
    .await
}

tokio::task_local! {
    /// Filling a practice village: its demo accounts and PINs are not printed (nobody logs in
    /// to a practice village; staff enter it with their own account).
    static LATIHAN: bool;
}

/// Whether a practice village is being filled (its PDFs carry the practice watermark).
pub(crate) fn mengisi_latihan() -> bool {
    LATIHAN.try_with(|s| *s).unwrap_or(false)
}

/// The PDF engine of the demo data: watermarked "LATIHAN — TIDAK SAH" in a practice village.
pub(crate) fn mesin_demo() -> balai_pdf::Mesin {
    let m = balai_pdf::Mesin::baru();
    if mengisi_latihan() {
        m.dengan_tanda_air(balai_domain::latihan::TANDA_AIR)
    } else {
        m
    }
}

/// Prints a demo account or PIN, unless a practice village is being filled.
macro_rules! umumkan {
    ($($t:tt)*) => {
        if !$crate::perintah::demo::mengisi_latihan() {
            println!($($t)*);
        }
    };
}
pub(crate) use umumkan;

/// Fills a practice village (mode latihan): the demo village with the real village's code,
/// smaller, so that a reset takes seconds.
pub fn pengisi_latihan() -> balai_web::latihan::Pengisi {
    balai_web::latihan::Pengisi(std::sync::Arc::new(|store: Store, kode: String| {
        Box::pin(LATIHAN.scope(true, async move {
            let a = ArgDemo {
                desa: kode,
                residents: 600,
                seed: 2026,
                tanpa_keuangan: false,
            };
            isi(&store, &a).await
        }))
    }))
}

async fn isi(store: &Store, a: &ArgDemo) -> Result<(), String> {
    let kode = KodeDesa::parse(&a.desa).map_err(|e| format!("--desa: {e}"))?;
    if a.residents == 0 || a.residents > 2_000_000 {
        return Err("--residents harus antara 1 dan 2.000.000.".into());
    }
    let plan = DemoPlan {
        desa: kode.clone(),
        penduduk: a.residents,
        seed: a.seed,
        hari_ini: store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(kode.provinsi())),
    };
    let mulai = std::time::Instant::now();
    eprintln!(
        "Mengisi desa demo {} dengan {} penduduk …",
        kode.bertitik(),
        a.residents
    );
    let r = store
        .isi_demo(&plan, &Aktor::sistem())
        .await
        .map_err(pesan)?;
    eprintln!(
        "Selesai dalam {:.1} detik: {} penduduk, {} peristiwa, {} desa.",
        mulai.elapsed().as_secs_f64(),
        r.penduduk,
        r.peristiwa,
        r.desa.len()
    );
    akun_demo(store, kode.as_str()).await?;
    kepala_desa_demo(store, kode.as_str()).await?;
    surat_demo(store, kode.as_str()).await?;
    adminduk_demo(store, kode.as_str()).await?;
    perangkat_demo(store, kode.as_str()).await?;
    store.isi_situs_demo(kode.as_str()).await.map_err(pesan)?;
    if !a.tanpa_keuangan {
        store
            .isi_keuangan_demo(kode.as_str(), a.seed)
            .await
            .map_err(pesan)?;
    }
    bantuan_demo(store, kode.as_str()).await?;
    super::demo_kesehatan::kesehatan_demo(store, kode.as_str()).await?;
    super::demo_pendidikan::pendidikan_demo(store, kode.as_str()).await?;
    super::demo_peraturan::peraturan_aset_demo(store, kode.as_str()).await?;
    store.isi_buku_demo(kode.as_str()).await.map_err(pesan)?;
    warga_demo(store, kode.as_str()).await
}

/// The village's staff and institutions, the office's position and last month's attendance;
/// prints the officials' attendance PINs (kiosk "Absen perangkat" and /hadir/KODE by phone).
async fn perangkat_demo(store: &Store, desa: &str) -> Result<(), String> {
    let pin = store.isi_perangkat_demo(desa).await.map_err(pesan)?;
    if !pin.is_empty() {
        umumkan!(
            "PIN absen perangkat desa demo (anjungan \"Absen perangkat\" atau /hadir/{desa} di ponsel):"
        );
        for p in pin {
            umumkan!("  {} ({}): PIN {}", p.nama, p.jabatan, p.pin);
        }
    }
    Ok(())
}

/// The head of village named in the profile, as the kiosk signs in that name.
async fn kepala_desa_demo(store: &Store, desa: &str) -> Result<(), String> {
    let d = store
        .desa(desa)
        .await
        .map_err(pesan)?
        .ok_or("desa demo tidak ditemukan")?;
    if !d.kepala_desa.is_empty() {
        return Ok(());
    }
    let profil = balai_store::desa::ProfilDesa {
        nama: d.nama.clone(),
        alamat: d.alamat.clone(),
        kepala_desa: "Sutrisno".into(),
        telepon: d.telepon.clone(),
        email: d.email.clone(),
        kode_pos: d.kode_pos.clone(),
    };
    store
        .ubah_profil_desa(desa, d.versi, &profil, &Aktor::sistem())
        .await
        .map_err(pesan)?;
    Ok(())
}

/// One resident with a phone number gets a PIN, to try the portal and the kiosk.
async fn warga_demo(store: &Store, desa: &str) -> Result<(), String> {
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    let daftar = store
        .daftar_penduduk(
            desa,
            &balai_store::penduduk::SaringPenduduk {
                status_dasar: Some(balai_store::penduduk::HIDUP),
                umur_min: Some(25),
                // A woman: she can also try a birth certificate application for a newborn.
                jenis_kelamin: Some(2),
                batas: Some(200),
                ..Default::default()
            },
            hari,
        )
        .await
        .map_err(pesan)?;
    for r in daftar.isi {
        let Some(p) = store.penduduk(desa, r.id).await.map_err(pesan)? else {
            continue;
        };
        if p.telepon.is_empty() || p.keluarga_id.is_none() {
            continue;
        }
        let pin = store
            .terbitkan_pin(desa, p.id, &Aktor::sistem())
            .await
            .map_err(pesan)?;
        umumkan!(
            "Warga demo untuk layanan mandiri (/warga) dan anjungan: NIK {}, PIN sementara {pin}",
            p.nik
        );
        return Ok(());
    }
    Ok(())
}

/// A few letters at every step of the workflow, so the letter screens, books and reports of the
/// demo village are not empty. Signed with the village key and rendered like real ones.
async fn surat_demo(store: &Store, desa: &str) -> Result<(), String> {
    use balai_domain::surat::jenis::JenisIsian;
    use balai_store::surat::{Penandatangan, Permohonan, TerbitkanSurat};
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    let penduduk = penduduk_dewasa(store, desa, 18, 20).await?;
    let jenis = [
        "keterangan_domisili",
        "keterangan_usaha",
        "keterangan_kurang_mampu",
        "pengantar_skck",
        "keterangan_penduduk",
        "keterangan_bepergian",
    ];
    let desa_nama = store
        .desa(desa)
        .await
        .map_err(pesan)?
        .map(|d| d.nama)
        .unwrap_or_default();
    let mesin = std::sync::Arc::new(mesin_demo());
    let t = TerbitkanSurat {
        penanda: Penandatangan {
            nama: "SUTRISNO".into(),
            jabatan: format!("Kepala Desa {desa_nama}"),
            atas_nama: String::new(),
        },
        url_dasar: "http://127.0.0.1:8080",
        versi: None,
    };
    let operator = Aktor::pengguna("operator");
    for (i, p) in penduduk.iter().take(12).enumerate() {
        let kode = jenis[i % jenis.len()];
        let Some(j) = store.jenis_surat(desa, kode).await.map_err(pesan)? else {
            continue;
        };
        let isian = j
            .jenis
            .isian
            .iter()
            .map(|f| {
                let v = match f.jenis {
                    JenisIsian::Pilihan => f.pilihan.first().cloned().unwrap_or_default(),
                    JenisIsian::Tanggal => hari.to_string(),
                    JenisIsian::Angka => "1".into(),
                    _ => "Persyaratan administrasi".into(),
                };
                (f.kunci.clone(), v)
            })
            .collect();
        let id = store
            .ajukan_surat(
                desa,
                &Permohonan {
                    jenis_kode: kode.into(),
                    penduduk_id: p.id,
                    isian,
                    kanal: "loket".into(),
                    langsung_diperiksa: i % 6 != 5,
                    ..Default::default()
                },
                &operator,
            )
            .await
            .map_err(pesan)?;
        // The last ones stay waiting: one for a check, one for a signature.
        if i >= 10 || i % 6 == 5 {
            continue;
        }
        let m = mesin.clone();
        store
            .terbitkan_surat(desa, id, &t, &Aktor::pengguna("kades"), move |b| {
                balai_web::render_surat(&m, b)
            })
            .await
            .map_err(pesan)?;
        if i % 3 == 0 {
            store
                .serahkan_surat(desa, id, &operator)
                .await
                .map_err(pesan)?;
        }
    }
    Ok(())
}

/// Living residents of at least `umur` years, the first `batas` of the list.
async fn penduduk_dewasa(
    store: &Store,
    desa: &str,
    umur: i32,
    batas: i64,
) -> Result<Vec<balai_store::penduduk::RingkasPenduduk>, String> {
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    Ok(store
        .daftar_penduduk(
            desa,
            &balai_store::penduduk::SaringPenduduk {
                status_dasar: Some(balai_store::penduduk::HIDUP),
                umur_min: Some(umur),
                batas: Some(batas),
                ..Default::default()
            },
            hari,
        )
        .await
        .map_err(pesan)?
        .isi)
}

/// A few civil registration applications at different steps, so the module shows at once.
async fn adminduk_demo(store: &Store, desa: &str) -> Result<(), String> {
    use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku};
    use balai_store::adminduk::{Aksi, HasilIsian, LampiranBaru, PermohonanBaru};
    let penduduk = penduduk_dewasa(store, desa, 17, 40).await?;
    let pdf: &[u8] = b"%PDF-1.4\n% pindaian contoh demo\n";
    let operator = Aktor::pengguna("operator");
    let kosong = HasilIsian::default();
    for (i, (jenis, langkah)) in [
        (JenisAdminduk::KtpHilangRusak, None),
        (JenisAdminduk::KtpBaru, Some(Langkah::Teruskan)),
        (JenisAdminduk::PerubahanData, Some(Langkah::Teruskan)),
    ]
    .into_iter()
    .enumerate()
    {
        let Some(p) = penduduk.get(20 + i) else { break };
        let isian = jenis
            .isian()
            .into_iter()
            .map(|f| {
                let v = f.pilihan.first().cloned().unwrap_or_else(|| "Demo".into());
                (f.kunci, v)
            })
            .collect();
        let lampiran: Vec<LampiranBaru> = jenis
            .persyaratan()
            .iter()
            .map(|s| LampiranBaru {
                syarat: s.kode,
                nama: "pindaian.pdf",
                isi: pdf,
            })
            .collect();
        let m = PermohonanBaru {
            jenis,
            pemohon_id: p.id,
            subjek_id: Some(p.id),
            isian,
            persetujuan: true,
            kanal: "loket".into(),
        };
        let (id, _) = store
            .adminduk()
            .ajukan(desa, &m, &lampiran, &operator)
            .await
            .map_err(pesan)?;
        if let Some(l) = langkah {
            let x = Aksi {
                langkah: l,
                pelaku: Pelaku::Desa,
                alasan: "",
                hasil: &kosong,
                pindaian: None,
                versi: None,
            };
            store
                .adminduk()
                .langkah(desa, id, &x, &operator)
                .await
                .map_err(pesan)?;
        }
    }
    Ok(())
}

async fn akun_demo(store: &Store, desa: &str) -> Result<(), String> {
    for (username, nama, peran) in [
        ("admin", "Admin Desa (demo)", Peran::Admin),
        ("operator", "Operator Desa (demo)", Peran::Operator),
        ("sekdes", "Sekretaris Desa (demo)", Peran::Sekdes),
        ("kades", "Sutrisno", Peran::Kades),
        ("bendahara", "Bendahara Desa (demo)", Peran::Bendahara),
        ("kabupaten", "Pemantau Kabupaten (demo)", Peran::Kabupaten),
        ("dukcapil", "Petugas Dukcapil (demo)", Peran::Dukcapil),
        ("dinsos", "Petugas Dinas Sosial (demo)", Peran::Dinsos),
    ] {
        if store
            .pengguna_by_username(username)
            .await
            .map_err(pesan)?
            .is_some()
        {
            continue;
        }
        let sandi = sandi_sementara();
        store
            .tambah_pengguna(
                &PenggunaBaru {
                    username,
                    nama,
                    kata_sandi: &sandi,
                    peran,
                    desa_id: peran.peran_desa().then_some(desa),
                    cakupan: if peran.peran_desa() { "" } else { &desa[..4] },
                },
                &Aktor::sistem(),
            )
            .await
            .map_err(pesan)?;
        if username == "admin" {
            umumkan!("Akun admin desa demo:");
            umumkan!("  Pengguna: {username}");
            umumkan!("  Kata sandi: {sandi}");
        } else if username == "kabupaten" {
            umumkan!(
                "Akun pemantau kabupaten demo (semua desa kabupaten ini): pengguna {username}, kata sandi {sandi}"
            );
        } else if username == "sekdes" {
            umumkan!(
                "Akun sekretaris desa demo (memeriksa SPP): pengguna {username}, kata sandi {sandi}"
            );
        } else if username == "kades" {
            umumkan!(
                "Akun kepala desa demo (menandatangani surat): pengguna {username}, kata sandi {sandi}"
            );
        } else if username == "dukcapil" {
            umumkan!(
                "Akun petugas Dukcapil demo (antrean dokumen kependudukan): pengguna {username}, kata sandi {sandi}"
            );
        } else if username == "dinsos" {
            umumkan!(
                "Akun petugas Dinas Sosial demo (klaim santunan kematian): pengguna {username}, kata sandi {sandi}"
            );
        } else if username == "bendahara" {
            umumkan!(
                "Akun bendahara desa demo (mencatat pembayaran): pengguna {username}, kata sandi {sandi}"
            );
        } else {
            umumkan!("Akun operator demo: pengguna {username}, kata sandi {sandi}");
        }
    }
    Ok(())
}

/// Aid programmes with recipients and distributions, families' welfare data, a double receipt
/// for the check to find, and a death benefit claim opened by a recorded death.
async fn bantuan_demo(store: &Store, desa: &str) -> Result<(), String> {
    use balai_domain::bantuan::{Aturan, Sasaran};
    use balai_store::bantuan::{KesejahteraanBaru, PenerimaBaru, PenyaluranBaru, ProgramBaru};
    use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
    use chrono::{Datelike, Duration};
    let b = store.bantuan();
    if !b
        .daftar_program(desa, None)
        .await
        .map_err(pesan)?
        .is_empty()
    {
        return Ok(());
    }
    let operator = Aktor::pengguna("operator");
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    let tahun = i64::from(hari.year());
    let awal = chrono::NaiveDate::from_ymd_opt(hari.year(), 1, 1).unwrap_or(hari);
    let akhir = chrono::NaiveDate::from_ymd_opt(hari.year(), 12, 31).unwrap_or(hari);
    // BLT-DD is paid from the village's "keadaan mendesak" line of bidang 5, when the budget has one.
    let baris = match store.apbdes_berlaku(desa, tahun).await.map_err(pesan)? {
        Some(v) => store
            .baris_anggaran(desa, v.id)
            .await
            .map_err(pesan)?
            .into_iter()
            .find(|x| x.kode_kegiatan.starts_with("5."))
            .map(|x| x.kunci),
        None => None,
    };
    let program = |kode: &str, nama: &str, sasaran, nominal, asal: &str, aturan| ProgramBaru {
        kode: kode.into(),
        nama: nama.into(),
        sasaran,
        tahun,
        mulai: Some(awal),
        selesai: Some(akhir),
        nominal,
        bentuk: "Tunai".into(),
        asal_dana: asal.into(),
        baris_kunci: None,
        aturan,
        publikasi: false,
        keterangan: "Contoh demo: besaran dan aturan diisi dari peraturan tahun berjalan.".into(),
    };
    let pkh = b
        .simpan_program(
            desa,
            None,
            &program(
                "PKH",
                "Program Keluarga Harapan",
                Sasaran::Keluarga,
                750_000,
                "Kementerian Sosial",
                Aturan {
                    wajib_dtks: true,
                    ..Default::default()
                },
            ),
            &operator,
        )
        .await
        .map_err(pesan)?;
    let mut blt = program(
        "BLT-DD",
        "BLT Dana Desa",
        Sasaran::Keluarga,
        300_000,
        "Dana Desa",
        Aturan {
            tanpa_perangkat: true,
            larangan: vec!["PKH".into(), "BPNT".into()],
            ..Default::default()
        },
    );
    blt.baris_kunci = baris;
    let blt = b
        .simpan_program(desa, None, &blt, &operator)
        .await
        .map_err(pesan)?;
    b.simpan_program(
        desa,
        None,
        &program(
            "SANTUNAN-KEMATIAN",
            "Santunan kematian warga miskin",
            Sasaran::Penduduk,
            1_000_000,
            "APBD Kabupaten",
            Aturan {
                tenggat_hari: Some(60),
                ..Default::default()
            },
        ),
        &operator,
    )
    .await
    .map_err(pesan)?;

    // Heads of families, one per family, with welfare data from the ministry.
    let mut kepala = Vec::new();
    for p in penduduk_dewasa(store, desa, 25, 200).await? {
        let Some(kk) = p.keluarga_id else { continue };
        if p.shdk_id == 1 && !kepala.iter().any(|(k, _): &(uuid::Uuid, _)| *k == kk) {
            kepala.push((kk, p));
        }
        if kepala.len() == 12 {
            break;
        }
    }
    for (i, (kk, _)) in kepala.iter().enumerate() {
        let w = KesejahteraanBaru {
            status_dtks: if i < 9 { "dtks" } else { "tidak" }.into(),
            desil: (i < 9).then_some((i % 4 + 1) as i16),
            tanggal_data: Some(hari - Duration::days(40 + i as i64 * 30)),
            catatan: "Data DTKS dari Dinas Sosial (contoh demo).".into(),
            ..Default::default()
        };
        b.catat_kesejahteraan(desa, *kk, &w, &operator)
            .await
            .map_err(pesan)?;
    }
    let tambah = |program, nik: String, abaikan: &'static str| {
        let b = store.bantuan();
        let operator = operator.clone();
        async move {
            let x = PenerimaBaru {
                nik,
                dasar: "Musyawarah desa khusus (contoh demo)".into(),
                alasan_abaikan: abaikan.into(),
            };
            b.tambah_penerima(desa, program, &x, &operator)
                .await
                .map_err(pesan)
        }
    };
    let bukti: &[u8] = b"%PDF-1.4\n% daftar tanda terima demo\n";
    let periode = (hari - Duration::days(hari.day() as i64))
        .format("%Y-%m")
        .to_string();
    let tanggal_salur = hari - Duration::days(hari.day() as i64);
    for (i, (_, p)) in kepala.iter().enumerate() {
        if i < 3 {
            tambah(pkh, p.nik.clone(), "").await?;
        }
        // The third family also gets BLT-DD: the check flags the double receipt.
        if (2..7).contains(&i) {
            let abaikan = if i == 2 {
                "Diputuskan musyawarah sebelum data PKH diterima (contoh demo)"
            } else {
                ""
            };
            let id = tambah(blt, p.nik.clone(), abaikan).await?;
            if tanggal_salur >= awal {
                let s = PenyaluranBaru {
                    penerima_id: id,
                    periode: periode.clone(),
                    tanggal: Some(tanggal_salur),
                    nominal: 300_000,
                    bukti,
                };
                b.catat_penyaluran(desa, &s, &operator)
                    .await
                    .map_err(pesan)?;
            }
        }
    }
    // A death in a DTKS family opens a claim with its deadline.
    if let Some((kk, _)) = kepala.get(7) {
        let anggota = store.anggota_keluarga(desa, *kk).await.map_err(pesan)?;
        if let Some(p) = anggota
            .iter()
            .rev()
            .find(|p| p.status_dasar == balai_store::penduduk::HIDUP && p.shdk_id != 1)
        {
            let r = RincianStatus {
                tanggal: Some(hari - Duration::days(12)),
                keterangan: "Contoh demo".into(),
                tempat: "Rumah".into(),
                sebab: "Sakit".into(),
            };
            store
                .catat_status(desa, p.id, JenisPeristiwa::Mati, &r, &operator)
                .await
                .map_err(pesan)?;
        }
    }
    Ok(())
}
