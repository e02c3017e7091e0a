//! Village finance: the realisation report of one village with 2,000 transactions (store query,
//! report rows and the PDF, target under 200 ms), and the district comparison over 300 villages
//! with five years of budgets each (target under 500 ms on PostgreSQL).
//!
//! The books are written with multi-row INSERTs straight into the tables (the bench times the
//! reading side; entering goes through the store's checks in the tests), then one budget per
//! village and year is established the normal way through `Store::ubah_status_apbdes`.

use crate::ukur::{Rencana, Tabel, ukur};
use balai_domain::KodeDesa;
use balai_store::keuangan::apbdes::{BarisBaru, TindakanApbdes};
use balai_store::keuangan::laporan::Periode;
use balai_store::{Aktor, Store, on_db};
use chrono::NaiveDate;
use std::time::Instant;
use uuid::Uuid;

/// (kegiatan, rekening) of the spending lines; revenue is one Dana Desa line.
const BELANJA: &[(&str, &str)] = &[
    ("1.1.01", "5.1.1.01"),
    ("1.1.02", "5.1.2.01"),
    ("1.1.04", "5.2.1.01"),
    ("1.1.04", "5.2.2.02"),
    ("2.2.02", "5.2.1.06"),
    ("2.3.10", "5.3.4.02"),
    ("2.3.10", "5.3.4.03"),
    ("2.3.01", "5.2.6.05"),
    ("3.4.02", "5.2.2.01"),
    ("4.2.01", "5.2.7.05"),
    ("5.1.00", "5.4.1.01"),
];

fn salah(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// An established budget for one village and year: `per_baris` rupiah on each spending line,
/// balanced by Dana Desa. Returns the spending line keys.
async fn apbdes(
    store: &Store,
    desa: &str,
    tahun: i64,
    per_baris: i64,
) -> Result<Vec<Uuid>, String> {
    let a = Aktor::sistem();
    let id = store.buat_apbdes(desa, tahun, &a).await.map_err(salah)?;
    let baris = |keg: &str, rek: &str, harga: i64, sumber: &str| BarisBaru {
        kode_kegiatan: keg.into(),
        kode_rekening: rek.into(),
        uraian: format!("Baris {rek}"),
        volume: 1,
        satuan: "paket".into(),
        harga_satuan: harga,
        sumber_dana: sumber.into(),
        rencana_id: None,
    };
    store
        .simpan_baris_anggaran(
            desa,
            id,
            None,
            &baris("", "4.2.1.01", per_baris * BELANJA.len() as i64, "DDS"),
            &a,
        )
        .await
        .map_err(salah)?;
    for (keg, rek) in BELANJA {
        store
            .simpan_baris_anggaran(desa, id, None, &baris(keg, rek, per_baris, "DDS"), &a)
            .await
            .map_err(salah)?;
    }
    let t = |b, h| NaiveDate::from_ymd_opt(tahun as i32 - 1, b, h).unwrap_or_default();
    store
        .ubah_status_apbdes(desa, id, TindakanApbdes::Sepakati(t(12, 1)), &a)
        .await
        .map_err(salah)?;
    store
        .ubah_status_apbdes(
            desa,
            id,
            TindakanApbdes::Tetapkan {
                nomor: format!("1 Tahun {}", tahun - 1),
                tanggal: t(12, 10),
            },
            &a,
        )
        .await
        .map_err(salah)?;
    Ok(store
        .baris_anggaran(desa, id)
        .await
        .map_err(salah)?
        .into_iter()
        .filter(|b| b.kode_rekening.starts_with("5."))
        .map(|b| b.kunci)
        .collect())
}

/// `n` payments of `nilai` spread over the year's lines and days, in batches of 500 rows.
async fn kas(
    store: &Store,
    desa: &str,
    tahun: i64,
    kunci: &[Uuid],
    n: usize,
    nilai: i64,
) -> Result<(), String> {
    let sekarang = chrono::Utc::now().to_rfc3339();
    for awal in (0..n).step_by(500) {
        let mut sql = String::from(
            "INSERT INTO kas (desa_id, id, tahun, nomor, tanggal, jenis, uraian, baris_kunci, kode_rekening, kode_kegiatan, \
             sumber_dana, keluar, rekening, dicatat_oleh, dibuat_pada) VALUES ",
        );
        for i in awal..(awal + 500).min(n) {
            let (keg, rek) = BELANJA[i % BELANJA.len()];
            let hari = NaiveDate::from_ymd_opt(tahun as i32, 1, 1).unwrap_or_default()
                + chrono::Days::new((i % 360) as u64);
            let id = Uuid::now_v7();
            let k = kunci[i % kunci.len()];
            // Values are generated here, never typed by anyone: safe to write into the SQL text.
            let (id, k) = match &store.db {
                balai_store::Db::Sqlite(_) => {
                    (format!("x'{}'", id.simple()), format!("x'{}'", k.simple()))
                }
                balai_store::Db::Postgres(_) => (format!("'{id}'"), format!("'{k}'")),
            };
            if i > awal {
                sql.push(',');
            }
            sql.push_str(&format!(
                "('{desa}', {id}, {tahun}, {}, '{hari}', 'bayar', 'Pembayaran {i}', {k}, '{rek}', '{keg}', 'DDS', {nilai}, 'bank', 'bench', '{sekarang}')",
                i + 1
            ));
        }
        on_db!(&store.db, p => sqlx::query(sqlx::AssertSqlSafe(sql.clone())).execute(p).await.map(|_| ()))
            .map_err(salah)?;
    }
    Ok(())
}

async fn desa_baru(store: &Store, kode: &str) -> Result<(), String> {
    if store.desa(kode).await.map_err(salah)?.is_none() {
        let k = KodeDesa::parse(kode).map_err(salah)?;
        store.buat_desa(&k, &Aktor::sistem()).await.map_err(salah)?;
    }
    Ok(())
}

pub async fn jalankan(
    store: &Store,
    desa: &str,
    r: Rencana,
    jumlah_desa: usize,
    tahun_akhir: i64,
) -> Result<(), String> {
    let mut t = Tabel::baru(&["ukuran", "n", "median ms", "p95 ms", "maks ms", "target"]);
    // 1. One village, 2,000 payments: the semester and year reports as PDF.
    desa_baru(store, desa).await?;
    let kunci = apbdes(store, desa, tahun_akhir, 100_000_000).await?;
    kas(store, desa, tahun_akhir, &kunci, 2000, 250_000).await?;
    let mesin = balai_pdf::Mesin::baru();
    for periode in [Periode::Semester1, Periode::Tahun] {
        let (rk, ukuran) = ukur(r, || async {
            let real = store
                .realisasi(desa, tahun_akhir, periode.sampai(tahun_akhir))
                .await
                .map_err(salah)?
                .ok_or("tanpa APBDes")?;
            balai_web::pdf_laporan(&mesin, "Donorejo", &real, "realisasi", periode).map(|p| p.len())
        })
        .await?;
        let nama = format!("laporan_realisasi_pdf_{}", periode.kode());
        println!(
            "HASIL {nama} median_ms={:.1} p95_ms={:.1} pdf_bytes={ukuran}",
            rk.median, rk.p95
        );
        t.baris(vec![
            format!("{nama} (2.000 transaksi, {ukuran} B)"),
            rk.n.to_string(),
            format!("{:.1}", rk.median),
            format!("{:.1}", rk.p95),
            format!("{:.1}", rk.maks),
            "< 200".into(),
        ]);
    }

    // 2. The district: villages × 5 years, 150 payments per village and year.
    let kode: Vec<String> = on_db!(&store.db, p => sqlx::query_scalar(
        "SELECT kode FROM wilayah WHERE kode LIKE '33%' AND length(kode) = 10 ORDER BY kode LIMIT $1")
        .bind(jumlah_desa as i64).fetch_all(p).await).map_err(salah)?;
    let mulai = Instant::now();
    for d in &kode {
        desa_baru(store, d).await?;
        for tahun in tahun_akhir - 4..=tahun_akhir {
            let ada = store
                .apbdes_berlaku(d, tahun)
                .await
                .map_err(salah)?
                .is_some();
            if !ada {
                let k = apbdes(store, d, tahun, 80_000_000).await?;
                kas(store, d, tahun, &k, 150, 1_000_000).await?;
            }
        }
    }
    println!(
        "# {} desa × 5 tahun diisi dalam {:.0} s",
        kode.len(),
        mulai.elapsed().as_secs_f64()
    );
    let (rk, n) = ukur(r, || async {
        store
            .perbandingan_keuangan("33", tahun_akhir)
            .await
            .map(|v| v.len())
            .map_err(salah)
    })
    .await?;
    println!(
        "HASIL perbandingan_kabupaten desa={n} median_ms={:.1} p95_ms={:.1}",
        rk.median, rk.p95
    );
    t.baris(vec![
        format!("perbandingan_kabupaten ({n} desa, 5 tahun tersimpan)"),
        rk.n.to_string(),
        format!("{:.1}", rk.median),
        format!("{:.1}", rk.p95),
        format!("{:.1}", rk.maks),
        "< 500".into(),
    ]);
    t.cetak();
    Ok(())
}
