//! A typical day at a village office, written through the store as the screens do: 30 letters
//! issued (with their PDFs), 20 registry edits and 5 payments through the whole SPP flow.
//! `bench/sinkron.sh` runs it on a village node and then measures the exchange that carries it.

use balai_store::keuangan::belanja::{Pembayaran, SppBaru};
use balai_store::penduduk::{HIDUP, SaringPenduduk};
use balai_store::surat::{Penandatangan, Permohonan, TerbitkanSurat};
use balai_store::{Aktor, Store};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::time::Instant;

fn salah(e: impl std::fmt::Display) -> String {
    e.to_string()
}

pub async fn hari(store: &Store, desa: &str, hari_ini: NaiveDate) -> Result<(), String> {
    let mulai = Instant::now();
    let orang: Vec<uuid::Uuid> = store
        .daftar_penduduk(
            desa,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                umur_min: Some(18),
                batas: Some(100),
                ..Default::default()
            },
            hari_ini,
        )
        .await
        .map_err(salah)?
        .isi
        .into_iter()
        .map(|p| p.id)
        .collect();
    if orang.len() < 50 {
        return Err(format!(
            "desa {desa} perlu paling sedikit 50 penduduk dewasa"
        ));
    }
    let operator = Aktor::pengguna("operator");
    let mesin = std::sync::Arc::new(balai_pdf::Mesin::baru());
    let t = TerbitkanSurat {
        penanda: Penandatangan {
            nama: "SUTRISNO".into(),
            jabatan: "Kepala Desa".into(),
            atas_nama: String::new(),
        },
        url_dasar: "https://desa.contoh",
        versi: None,
    };
    for p in orang.iter().take(30) {
        let id = store
            .ajukan_surat(
                desa,
                &Permohonan {
                    jenis_kode: "keterangan_domisili".into(),
                    penduduk_id: *p,
                    isian: BTreeMap::from([("keperluan".into(), "Melamar pekerjaan".into())]),
                    kanal: "loket".into(),
                    langsung_diperiksa: true,
                    ..Default::default()
                },
                &operator,
            )
            .await
            .map_err(salah)?;
        store
            .terbitkan_surat(desa, id, &t, &Aktor::pengguna("kades"), {
                let mesin = mesin.clone();
                move |b| balai_web::render_surat(&mesin, b)
            })
            .await
            .map_err(salah)?;
    }
    for (i, id) in orang.iter().skip(30).take(20).enumerate() {
        let p = store
            .penduduk(desa, *id)
            .await
            .map_err(salah)?
            .ok_or("penduduk hilang")?;
        let mut d = p.data().map_err(salah)?;
        d.telepon = format!("0812{:08}", 7_000_000 + i);
        store
            .ubah_penduduk(desa, p.id, p.versi, &d, &operator)
            .await
            .map_err(salah)?;
    }
    let tahun = i64::from(hari_ini.year());
    let apbdes = store
        .apbdes_berlaku(desa, tahun)
        .await
        .map_err(salah)?
        .ok_or(format!(
            "desa {desa} belum punya APBDes {tahun} yang ditetapkan"
        ))?;
    let baris: Vec<uuid::Uuid> = store
        .baris_anggaran(desa, apbdes.id)
        .await
        .map_err(salah)?
        .into_iter()
        .filter(|b| b.kode_rekening.starts_with("5."))
        .map(|b| b.kunci)
        .collect();
    for i in 0..5 {
        let id = store
            .ajukan_spp(
                desa,
                &SppBaru {
                    tanggal: hari_ini,
                    uraian: format!("Pembelian alat tulis kantor {}", i + 1),
                    penerima: "Toko Sumber Rejeki".into(),
                    rincian: vec![(baris[i % baris.len()], 150_000)],
                    alasan_lebih: Some("Tolok ukur".into()),
                },
                &operator,
            )
            .await
            .map_err(salah)?;
        store
            .periksa_spp(desa, id, true, "", &Aktor::pengguna("sekdes"))
            .await
            .map_err(salah)?;
        store
            .setujui_spp(desa, id, true, "", &Aktor::pengguna("kades"))
            .await
            .map_err(salah)?;
        store
            .bayar_spp(
                desa,
                id,
                &Pembayaran {
                    tanggal: hari_ini,
                    rekening: "tunai".into(),
                    nomor_bukti: format!("BKT-{}", i + 1),
                    potongan: Vec::new(),
                    bukti: None,
                },
                &Aktor::pengguna("bendahara"),
            )
            .await
            .map_err(salah)?;
    }
    println!(
        "hari: 30 surat terbit, 20 perubahan penduduk, 5 pembayaran dalam {:.1} s",
        mulai.elapsed().as_secs_f64()
    );
    Ok(())
}
