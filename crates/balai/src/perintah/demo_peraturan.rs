//! The demo village's regulations, inventory and land: the year's APBDes Perdes evaluated,
//! enacted and promulgated in the Lembaran Desa, its Perkades in the Berita Desa, decisions
//! appointing staff, last year's RKPDes Perdes, a draft and a Perdes waiting for evaluation,
//! each enacted one with a real PDF from the letter engine; inventory in KIB A–F (the village
//! road linked to its APBDes payment, one item damaged, one disposed); two parcels of tanah kas
//! desa and a few holdings of tanah di desa. Dates are clamped to today, so the demo works on
//! any day of the year.

use super::pesan;
use balai_store::aset::tanah::{IsianTanahDesa, IsianTanahKas};
use balai_store::aset::{IsianBarang, IsianHapus};
use balai_store::peraturan::{IsianPeraturan, IsianTahap};
use balai_store::{Aktor, Store};
use chrono::{Datelike, NaiveDate};

/// The signed text of a regulation, rendered like a letter of the village.
fn naskah(
    mesin: &balai_pdf::Mesin,
    desa: &str,
    judul: &str,
    nomor: &str,
    tanggal: NaiveDate,
    tentang: &str,
    pasal: &[&str],
) -> Result<Vec<u8>, String> {
    let mut data = balai_pdf::contoh_data();
    data["desa"]["nama"] = desa.into();
    data["surat"]["judul"] = judul.to_uppercase().into();
    data["surat"]["nomor"] = nomor.into();
    data["surat"]["tanggal"] = balai_domain::surat::teks::tanggal_indonesia(tanggal).into();
    let mut badan = format!(
        "#align(center)[*TENTANG*\\ *{}*]\n\n",
        tentang.to_uppercase()
    );
    badan.push_str("Dengan rahmat Tuhan Yang Maha Esa, Kepala Desa menetapkan:\n\n");
    for (i, p) in pasal.iter().enumerate() {
        badan.push_str(&format!("#align(center)[*Pasal {}*]\n\n{p}\n\n", i + 1));
    }
    mesin
        .render(&balai_pdf::Dokumen {
            badan: &badan,
            data: &data,
            logo: None,
            qr: None,
            kertas: balai_pdf::Kertas::F4,
            tanda_air: None,
        })
        .map_err(|e| e.to_string())
}

pub async fn peraturan_aset_demo(store: &Store, desa: &str) -> Result<(), String> {
    let p = store.peraturan();
    if !p.daftar(desa, None, None).await.map_err(pesan)?.is_empty() {
        return Ok(());
    }
    let d = store
        .desa(desa)
        .await
        .map_err(pesan)?
        .ok_or("desa demo tidak ditemukan")?;
    let hari = store.hari_ini(d.zona());
    let y = hari.year();
    // A date of this year or the last, never after today.
    let t = |tahun: i32, bulan: u32, tgl: u32| {
        NaiveDate::from_ymd_opt(tahun, bulan, tgl)
            .unwrap_or(hari)
            .min(hari)
    };
    let op = Aktor::pengguna("operator");
    let mesin = super::demo::mesin_demo();

    struct Contoh<'a> {
        jenis: &'a str,
        pokok: &'a str,
        tentang: String,
        uraian: &'a str,
        /// (stage, number, date)
        tahap: Vec<(&'a str, String, NaiveDate)>,
        lapor: Option<(String, NaiveDate)>,
        pasal: &'a [&'a str],
    }
    let contoh = vec![
        Contoh {
            jenis: "perdes",
            pokok: "apbdes",
            tentang: format!("Anggaran Pendapatan dan Belanja Desa Tahun Anggaran {y}"),
            uraian: "Pendapatan, belanja per bidang dan pembiayaan desa selama satu tahun anggaran.",
            tahap: vec![
                ("disepakati", String::new(), t(y, 1, 5)),
                ("dievaluasi", format!("900/045/{y}"), t(y, 1, 12)),
                ("ditetapkan", "1".into(), t(y, 1, 15)),
                ("diundangkan", "1".into(), t(y, 1, 15)),
            ],
            lapor: Some((format!("140/012/{y}"), t(y, 1, 20))),
            pasal: &[
                "Anggaran Pendapatan dan Belanja Desa tahun anggaran ini terdiri atas pendapatan, belanja dan pembiayaan desa sebagaimana tercantum dalam lampiran.",
                "Peraturan Desa ini mulai berlaku pada tanggal diundangkan.",
            ],
        },
        Contoh {
            jenis: "perkades",
            pokok: "",
            tentang: format!("Penjabaran APBDes Tahun Anggaran {y}"),
            uraian: "Rincian APBDes per kegiatan, sub rincian objek dan sumber dana.",
            tahap: vec![
                ("ditetapkan", "1".into(), t(y, 1, 16)),
                ("diundangkan", "1".into(), t(y, 1, 16)),
            ],
            lapor: None,
            pasal: &[
                "Penjabaran APBDes memuat rincian kegiatan, anggaran dan sumber dana sebagaimana tercantum dalam lampiran.",
                "Peraturan Kepala Desa ini mulai berlaku pada tanggal diundangkan.",
            ],
        },
        Contoh {
            jenis: "keputusan",
            pokok: "",
            tentang: "Pengangkatan Kepala Dusun Krajan".into(),
            uraian: "Mengangkat kepala dusun hasil penjaringan dan penyaringan perangkat desa.",
            tahap: vec![("ditetapkan", format!("141/03/{y}"), t(y, 2, 3))],
            lapor: Some((format!("140/020/{y}"), t(y, 2, 6))),
            pasal: &[
                "Mengangkat yang namanya tercantum dalam lampiran sebagai Kepala Dusun Krajan.",
                "Keputusan ini berlaku sejak tanggal ditetapkan.",
            ],
        },
        Contoh {
            jenis: "keputusan",
            pokok: "",
            tentang: "Pengangkatan Kepala Urusan Keuangan".into(),
            uraian: "Mengangkat kepala urusan keuangan sekaligus bendahara desa.",
            tahap: vec![("ditetapkan", format!("141/04/{y}"), t(y, 2, 10))],
            lapor: None,
            pasal: &[
                "Mengangkat yang namanya tercantum dalam lampiran sebagai Kepala Urusan Keuangan.",
                "Keputusan ini berlaku sejak tanggal ditetapkan.",
            ],
        },
        Contoh {
            jenis: "perdes",
            pokok: "lain",
            tentang: format!("Rencana Kerja Pemerintah Desa Tahun {y}"),
            uraian: "Prioritas kegiatan hasil musyawarah perencanaan pembangunan desa.",
            tahap: vec![
                ("disepakati", String::new(), t(y - 1, 9, 20)),
                ("ditetapkan", "2".into(), t(y - 1, 9, 25)),
                ("diundangkan", "2".into(), t(y - 1, 9, 25)),
            ],
            lapor: None,
            pasal: &[
                "RKP Desa memuat prioritas kegiatan, lokasi, volume, waktu dan biaya sebagaimana tercantum dalam lampiran.",
            ],
        },
        Contoh {
            jenis: "perdes",
            pokok: "organisasi",
            tentang: "Susunan Organisasi dan Tata Kerja Pemerintah Desa".into(),
            uraian: "Menyesuaikan struktur perangkat desa; menunggu evaluasi bupati.",
            tahap: vec![("disepakati", String::new(), t(y, 6, 2))],
            lapor: None,
            pasal: &[],
        },
        Contoh {
            jenis: "perdes",
            pokok: "lain",
            tentang: "Pengelolaan Sampah Desa".into(),
            uraian: "Rancangan: bank sampah, jadwal pengangkutan dan iuran kebersihan.",
            tahap: vec![],
            lapor: None,
            pasal: &[],
        },
    ];
    for c in contoh {
        let id = p
            .simpan(
                desa,
                None,
                &IsianPeraturan {
                    jenis: c.jenis.into(),
                    pokok: c.pokok.into(),
                    tentang: c.tentang.clone(),
                    uraian: c.uraian.into(),
                    ..Default::default()
                },
                &op,
            )
            .await
            .map_err(pesan)?;
        let mut tetap = None;
        for (tahap, nomor, tanggal) in &c.tahap {
            p.maju(
                desa,
                id,
                &IsianTahap {
                    tahap: (*tahap).into(),
                    nomor: nomor.clone(),
                    tanggal: tanggal.to_string(),
                    versi: None,
                },
                &op,
            )
            .await
            .map_err(pesan)?;
            if *tahap == "ditetapkan" {
                tetap = Some((nomor.clone(), *tanggal));
            }
        }
        if let Some((nomor, tanggal)) = &c.lapor {
            p.lapor(desa, id, nomor, &tanggal.to_string(), None, &op)
                .await
                .map_err(pesan)?;
        }
        if let Some((nomor, tanggal)) = tetap {
            let r = p
                .satu(desa, id)
                .await
                .map_err(pesan)?
                .ok_or("peraturan demo hilang")?;
            let judul = format!("{} {}", r.label_jenis(), d.nama);
            let nomor = if c.jenis == "keputusan" {
                nomor
            } else {
                format!("{nomor} TAHUN {}", tanggal.year())
            };
            let pdf = naskah(
                &mesin, &d.nama, &judul, &nomor, tanggal, &c.tentang, c.pasal,
            )?;
            p.unggah_dokumen(desa, id, &format!("{}.pdf", r.nama_berkas()), &pdf, &op)
                .await
                .map_err(pesan)?;
        }
    }
    aset_demo(store, desa, hari).await
}

async fn aset_demo(store: &Store, desa: &str, hari: NaiveDate) -> Result<(), String> {
    let a = store.aset();
    let op = Aktor::pengguna("operator");
    let y = hari.year();
    let t = |tahun: i32, bulan: u32, tgl: u32| {
        NaiveDate::from_ymd_opt(tahun, bulan, tgl)
            .unwrap_or(hari)
            .min(hari)
            .to_string()
    };
    // The village road bought with this year's APBDes payment for its materials, if the
    // finance demo made one already.
    let bayar = a
        .pembayaran(desa, i64::from(y))
        .await
        .map_err(pesan)?
        .into_iter()
        .find(|b| b.2.starts_with("Bahan pengerasan jalan"));
    #[allow(clippy::type_complexity)]
    let mut barang: Vec<(&str, &str, &str, &str, i64, &str, String, i64, &str, &str)> = vec![
        // (kib, name, code, register, quantity, unit, date, value, source, location)
        (
            "A",
            "Tanah lapangan desa",
            "1.3.1.01.01",
            "0001",
            1,
            "bidang",
            t(2005, 3, 1),
            250_000_000,
            "dibeli",
            "Dusun Krajan",
        ),
        (
            "B",
            "Komputer PC pelayanan",
            "1.3.2.10.02",
            "0001",
            2,
            "unit",
            t(y - 2, 4, 14),
            14_000_000,
            "dibeli",
            "Ruang pelayanan kantor desa",
        ),
        (
            "B",
            "Sepeda motor dinas",
            "1.3.2.02.01",
            "0001",
            1,
            "unit",
            t(y - 3, 8, 1),
            19_500_000,
            "kabupaten",
            "Kantor desa",
        ),
        (
            "B",
            "Mesin ketik manual",
            "1.3.2.10.01",
            "0001",
            1,
            "unit",
            t(1998, 1, 10),
            1_200_000,
            "dibeli",
            "Gudang kantor desa",
        ),
        (
            "C",
            "Gedung kantor desa",
            "1.3.3.01.01",
            "0001",
            1,
            "unit",
            t(2010, 11, 20),
            480_000_000,
            "dibeli",
            "Jl. Raya Donorejo",
        ),
        (
            "D",
            "Jalan rabat beton Dusun Krajan",
            "1.3.4.01.01",
            "0001",
            350,
            "m",
            t(y - 1, 9, 30),
            175_000_000,
            "pusat",
            "Dusun Krajan RT 01–03",
        ),
        (
            "E",
            "Buku perpustakaan desa",
            "1.3.5.01.01",
            "0001",
            120,
            "eksemplar",
            t(y - 1, 5, 2),
            6_000_000,
            "sumbangan",
            "Balai desa",
        ),
        (
            "F",
            "Gedung PAUD (dalam pengerjaan)",
            "1.3.6.01.01",
            "0001",
            1,
            "unit",
            t(y, 3, 1),
            90_000_000,
            "dibeli",
            "Dusun Krajan",
        ),
    ];
    if let Some((_, tanggal, _, nilai)) = &bayar {
        barang.push((
            "D",
            "Pengerasan jalan tahap I",
            "1.3.4.01.02",
            "0001",
            1,
            "paket",
            tanggal.to_string(),
            *nilai,
            "dibeli",
            "Dusun Krajan",
        ));
    }
    let mut id = Vec::new();
    for (kib, nama, kode, reg, jumlah, satuan, tanggal, nilai, asal, lokasi) in barang {
        let kas_id = match &bayar {
            Some(b) if nama == "Pengerasan jalan tahap I" => b.0.to_string(),
            _ => String::new(),
        };
        id.push(
            a.simpan_barang(
                desa,
                None,
                &IsianBarang {
                    kib: kib.into(),
                    nama: nama.into(),
                    kode_barang: kode.into(),
                    nomor_register: reg.into(),
                    jumlah: jumlah.to_string(),
                    satuan: satuan.into(),
                    tanggal_peroleh: tanggal,
                    nilai: nilai.to_string(),
                    asal: asal.into(),
                    kas_id,
                    kondisi: "baik".into(),
                    lokasi: lokasi.into(),
                    ..Default::default()
                },
                &op,
            )
            .await
            .map_err(pesan)?,
        );
    }
    // The motorbike found slightly damaged last year; the typewriter disposed of this year.
    a.catat_kondisi(
        desa,
        id[2],
        "rusak_ringan",
        &t(y - 1, 12, 15),
        "Lampu dan rem perlu diganti",
        &op,
    )
    .await
    .map_err(pesan)?;
    a.catat_kondisi(
        desa,
        id[3],
        "rusak_berat",
        &t(y - 1, 6, 1),
        "Tidak dapat dipakai",
        &op,
    )
    .await
    .map_err(pesan)?;
    a.hapuskan(
        desa,
        id[3],
        &IsianHapus {
            alasan: "rusak".into(),
            tanggal: t(y, 2, 20),
            catatan: "Berita acara penghapusan 01/BA/II".into(),
            versi: None,
        },
        &op,
    )
    .await
    .map_err(pesan)?;

    for (asal, nomor, luas, kelas, perolehan, tanggal, jenis, patok, papan, lokasi, guna) in [
        (
            "Bengkok",
            "Letter C 112 / Persil 14",
            "21500",
            "S.II",
            "asli",
            "",
            "sawah",
            true,
            true,
            "Blok Sawah Wetan",
            "Tanah bengkok kepala desa",
        ),
        (
            "Titisara",
            "Sertifikat HP 11.04.02.001",
            "8200",
            "D.III",
            "lain",
            "1987-06-01",
            "tegal",
            true,
            false,
            "Blok Tegal Kidul",
            "Disewakan; hasilnya pendapatan asli desa",
        ),
    ] {
        a.simpan_tanah_kas(
            desa,
            None,
            &IsianTanahKas {
                asal: asal.into(),
                nomor_sertifikat: nomor.into(),
                luas: luas.into(),
                kelas: kelas.into(),
                perolehan: perolehan.into(),
                tanggal_peroleh: tanggal.into(),
                jenis: jenis.into(),
                patok,
                papan_nama: papan,
                lokasi: lokasi.into(),
                peruntukan: guna.into(),
                ..Default::default()
            },
            &op,
        )
        .await
        .map_err(pesan)?;
    }
    let m2 = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(k, n)| (k.to_string(), n.to_string()))
            .collect()
    };
    for (pemilik, jenis, luas, hak, guna) in [
        (
            "SUPARNO",
            "perorangan",
            "1250",
            m2(&[("hm", "1250")]),
            m2(&[("perumahan", "250"), ("sawah", "1000")]),
        ),
        (
            "SITI MARYAM",
            "perorangan",
            "600",
            m2(&[("hm", "400"), ("ma", "200")]),
            m2(&[("perumahan", "300"), ("tegalan", "300")]),
        ),
        (
            "KOPERASI TANI MAKMUR",
            "badan_hukum",
            "2000",
            m2(&[("hgb", "2000")]),
            m2(&[("perdagangan", "500"), ("industri", "1500")]),
        ),
        (
            "PEMERINTAH DESA DONOREJO",
            "badan_hukum",
            "29700",
            m2(&[("hp", "8200"), ("tn", "21500")]),
            m2(&[("sawah", "21500"), ("tegalan", "8200")]),
        ),
    ] {
        a.simpan_tanah_desa(
            desa,
            None,
            &IsianTanahDesa {
                pemilik: pemilik.into(),
                jenis_pemilik: jenis.into(),
                luas: luas.into(),
                hak,
                guna,
                ..Default::default()
            },
            &op,
        )
        .await
        .map_err(pesan)?;
    }
    Ok(())
}
