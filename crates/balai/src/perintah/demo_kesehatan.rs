//! The demo village's posyandu: one unit per dusun for the first two dusun, and a year of
//! monthly posyandu days (the twelve months before this one: this month's day is left for the
//! user to record) for up to 40 children, drawn around the WHO curves, with some
//! children stunted, one wasted and one who stopped gaining weight (2T), so the referral list
//! and the charts show something at once.

use super::pesan;
use balai_domain::kesehatan::imunisasi::{StatusDosis, dosis_dari_kode, status_anak};
use balai_domain::kesehatan::zscore::{Indikator, Kelamin, Umur, lms_umur};
use balai_store::kesehatan::{IsianPenimbangan, PosyanduBaru};
use balai_store::pengguna::{PenggunaBaru, Peran, sandi_sementara};
use balai_store::{Aktor, Store};
use chrono::{Datelike, Months};
use uuid::Uuid;

const ANAK_MAKS: usize = 40;

pub async fn kesehatan_demo(store: &Store, desa: &str) -> Result<(), String> {
    let k = store.kesehatan();
    if !k.daftar_posyandu(desa).await.map_err(pesan)?.is_empty() {
        return Ok(());
    }
    let kader = Aktor::pengguna("operator");
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    let mut dusun: Vec<String> = store
        .daftar_rt(desa)
        .await
        .map_err(pesan)?
        .into_iter()
        .map(|r| r.dusun)
        .collect();
    dusun.dedup();
    let mut tercatat = 0;
    for (n, d) in dusun.iter().take(2).enumerate() {
        let b = PosyanduBaru {
            nama: format!("Posyandu Mawar {}", n + 1),
            alamat: format!("Rumah Ketua RT, Dusun {d}"),
            dusun: d.clone(),
            rw: String::new(),
        };
        let id = k.tambah_posyandu(desa, &b, &kader).await.map_err(pesan)?;
        if n == 0 {
            akun_kader(store, desa, id, &b.nama).await?;
        }
        let pos = k
            .posyandu(desa, id)
            .await
            .map_err(pesan)?
            .ok_or("posyandu demo hilang")?;
        let anak = k.balita(desa, &pos, hari).await.map_err(pesan)?;
        for (i, a) in anak.iter().enumerate().take(ANAK_MAKS / 2) {
            let kelamin = if a.jenis_kelamin == 2 {
                Kelamin::P
            } else {
                Kelamin::L
            };
            // Where each child sits on the curves: most near the median, some stunted, one
            // wasted.
            let (z_berat, z_panjang) = match i % 10 {
                0 => (-1.8, -2.6),
                4 => (-2.4, -0.5),
                _ => ((i % 5) as f64 * 0.4 - 0.8, (i % 3) as f64 * 0.5 - 0.5),
            };
            let mut berat_lalu: Option<f64> = None;
            // Doses due are given at the posyandu, except to every seventh child, who falls
            // behind and shows on the invitation list.
            let mut diberikan: Vec<(String, u8, chrono::NaiveDate)> = Vec::new();
            for bulan_lalu in (1..=12u32).rev() {
                let Some(t) = hari
                    .checked_sub_months(Months::new(bulan_lalu))
                    .and_then(|t| t.with_day(10.min(t.day()).max(1)))
                else {
                    continue;
                };
                let t = t.min(hari);
                if t < a.tanggal_lahir {
                    continue;
                }
                let umur = Umur::Hari((t - a.tanggal_lahir).num_days() as u32);
                let nilai = |ind, z| {
                    lms_umur(ind, kelamin, umur).map(|l| (l.nilai_pada(z) * 10.0).round() / 10.0)
                };
                let Some(mut berat) = nilai(Indikator::BbU, z_berat) else {
                    continue;
                };
                // The second child stops gaining weight in the last two months.
                if i == 1 && bulan_lalu < 3 {
                    berat = berat_lalu.unwrap_or(berat);
                }
                berat_lalu = Some(berat);
                let isi = IsianPenimbangan {
                    tanggal: Some(t),
                    berat: Some(berat),
                    panjang: nilai(Indikator::PbTbU, z_panjang),
                    vitamin_a: match (t.month(), umur.bulan_penuh()) {
                        (2 | 8, 6..=11) => "biru".into(),
                        (2 | 8, 12..) => "merah".into(),
                        _ => String::new(),
                    },
                    pmt: z_berat < -2.0,
                    vaksin: if i % 7 == 3 {
                        Vec::new()
                    } else {
                        status_anak(a.tanggal_lahir, t, &diberikan)
                            .into_iter()
                            .filter(|(_, s)| match s {
                                StatusDosis::JatuhTempo(d) => *d <= t,
                                s => s.perlu_diundang(),
                            })
                            .map(|(x, _)| x.kode())
                            .collect()
                    },
                    ..Default::default()
                };
                if k.catat_penimbangan(desa, id, a.penduduk_id, &isi, &kader)
                    .await
                    .is_ok()
                {
                    tercatat += 1;
                    for x in isi.vaksin.iter().filter_map(|c| dosis_dari_kode(c)) {
                        diberikan.push((x.vaksin.to_string(), x.dosis, t));
                    }
                }
            }
        }
    }
    eprintln!("Posyandu demo: {tercatat} penimbangan balita dalam setahun.");
    ibu_hamil_demo(store, desa, hari).await?;
    konvergensi_demo(store, desa, hari).await
}

/// Cadres visited two target families in three and the operator recorded their water and latrine: most have safe water,
/// fewer a healthy latrine, so the convergence page shows shares and families still to visit.
async fn konvergensi_demo(
    store: &Store,
    desa: &str,
    hari: chrono::NaiveDate,
) -> Result<(), String> {
    use balai_store::kesehatan::konvergensi::IsianSanitasi;
    let k = store.kesehatan();
    let operator = Aktor::pengguna("operator");
    let sasaran = k.konvergensi(desa, hari).await.map_err(pesan)?;
    for (i, x) in sasaran.iter().enumerate().filter(|(i, _)| i % 3 != 2) {
        let isi = IsianSanitasi {
            air_minum_layak: i % 5 != 1,
            jamban_sehat: i % 4 < 2,
            dicek_pada: Some(hari - chrono::Duration::days(7 + (i as i64 % 60))),
            catatan: if i % 4 >= 2 {
                "Masih jamban cemplung; disarankan ikut program jamban sehat desa.".into()
            } else {
                String::new()
            },
            versi: 0,
        };
        k.catat_sanitasi(desa, x.keluarga_id, &isi, &operator)
            .await
            .map_err(pesan)?;
    }
    Ok(())
}

/// Six married women of 19–40 are pregnant, at different months, with their antenatal
/// visits; one over 35 with a low arm circumference shows the risk signs.
async fn ibu_hamil_demo(store: &Store, desa: &str, hari: chrono::NaiveDate) -> Result<(), String> {
    use balai_store::kesehatan::ibu::{KehamilanBaru, KunjunganBaru};
    use balai_store::penduduk::SaringPenduduk;
    let k = store.kesehatan();
    let bidan = Aktor::pengguna("operator");
    let mut ibu = store
        .daftar_penduduk(
            desa,
            &SaringPenduduk {
                jenis_kelamin: Some(2),
                umur_min: Some(19),
                umur_max: Some(40),
                status_kawin_id: Some(2),
                batas: Some(200),
                ..Default::default()
            },
            hari,
        )
        .await
        .map_err(pesan)?
        .isi;
    // The oldest (over 35: a risk sign), then five from the middle of the age range.
    ibu.sort_by_key(|p| p.tanggal_lahir);
    let pilihan = ibu
        .first()
        .into_iter()
        .chain(ibu.iter().skip(ibu.len() / 2).take(5));
    for (i, p) in pilihan.enumerate() {
        let minggu = [36, 8, 14, 22, 30, 38][i];
        let hpht = hari - chrono::Duration::weeks(minggu);
        let Ok(id) = k
            .tambah_kehamilan(
                desa,
                &KehamilanBaru {
                    nik: p.nik.clone(),
                    hpht: Some(hpht),
                    kehamilan_ke: Some(1 + i as i64 % 3),
                    ..Default::default()
                },
                &bidan,
            )
            .await
        else {
            continue;
        };
        // A visit every six weeks from week 8.
        for w in (8..=minggu).step_by(6) {
            let b = KunjunganBaru {
                tanggal: Some(hpht + chrono::Duration::weeks(w)),
                berat: Some(52.0 + w as f64 * 0.3),
                lila: Some(if i == 0 { 22.5 } else { 25.0 + i as f64 * 0.5 }),
                sistolik: Some(110),
                diastolik: Some(70),
                tablet_fe: if w >= 14 { 30 } else { 0 },
                konseling_gizi: w >= 14,
                kunjungan_rumah: i == 0,
                catatan: String::new(),
            };
            k.catat_kunjungan_hamil(desa, id, &b, &bidan)
                .await
                .map_err(pesan)?;
        }
    }
    Ok(())
}

/// The cadre of the first posyandu, to try the posyandu day as a cadre sees it.
async fn akun_kader(store: &Store, desa: &str, posyandu: Uuid, nama: &str) -> Result<(), String> {
    if store
        .pengguna_by_username("kader")
        .await
        .map_err(pesan)?
        .is_some()
    {
        return Ok(());
    }
    let sandi = sandi_sementara();
    store
        .tambah_pengguna(
            &PenggunaBaru {
                username: "kader",
                nama: "Kader Posyandu (demo)",
                kata_sandi: &sandi,
                peran: Peran::Kader,
                desa_id: Some(desa),
                cakupan: &posyandu.to_string(),
            },
            &Aktor::sistem(),
        )
        .await
        .map_err(pesan)?;
    super::demo::umumkan!("Akun kader demo ({nama}): pengguna kader, kata sandi {sandi}");
    Ok(())
}
