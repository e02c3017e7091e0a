//! The district stunting dashboard at scale (issue 23): a kabupaten's villages, each with
//! three posyandu and its share of the children under five, and two years of monthly posyandu
//! days; then `Kesehatan::gizi_wilayah` over the whole kabupaten for the latest month.
//!
//! The rows are generated inside PostgreSQL (`generate_series`), a statement per table per
//! village, without audit entries: what a district accumulates, not the path under test. The
//! target is the district server, so the fill needs PostgreSQL.

use crate::ukur::{Rencana, ukur};
use balai_domain::KodeDesa;
use balai_store::db::Db;
use balai_store::{Aktor, Store};
use chrono::Utc;
use std::time::Instant;
use uuid::Uuid;

pub async fn jalankan(
    store: &Store,
    kabupaten: &str,
    banyak_desa: usize,
    anak: usize,
    r: Rencana,
) -> Result<(), String> {
    let Db::Postgres(pool) = &store.db else {
        return Err(
            "tolok ukur dasbor kabupaten memakai PostgreSQL (--database postgres://…)".into(),
        );
    };
    let e = |x: sqlx::Error| x.to_string();
    let desa_ids = crate::bantuan::desa_kabupaten(store, kabupaten, banyak_desa).await?;
    if desa_ids.len() < banyak_desa {
        return Err(format!(
            "kabupaten {kabupaten} hanya mempunyai {} desa",
            desa_ids.len()
        ));
    }
    let per_desa = anak.div_ceil(banyak_desa) as i64;
    let hari_ini = Utc::now().date_naive();
    let mulai = Instant::now();
    let mut diisi = 0;
    for d in &desa_ids {
        if store.desa(d).await.map_err(|x| x.to_string())?.is_none() {
            let kode = KodeDesa::parse(d).map_err(|x| x.to_string())?;
            store
                .buat_desa(&kode, &Aktor::sistem())
                .await
                .map_err(|x| x.to_string())?;
        }
        let ada: i64 = sqlx::query_scalar("SELECT count(*) FROM posyandu WHERE desa_id = $1")
            .bind(d)
            .fetch_one(pool)
            .await
            .map_err(e)?;
        if ada > 0 {
            continue;
        }
        let mut tx = pool.begin().await.map_err(e)?;
        for i in 1..=3 {
            let rt = Uuid::now_v7();
            let dusun = format!("DUSUN {i}");
            sqlx::query("INSERT INTO wilayah_rt (desa_id, id, dusun, rw, rt) VALUES ($1, $2, $3, '001', '001')")
                .bind(d).bind(rt).bind(&dusun).execute(&mut *tx).await.map_err(e)?;
            sqlx::query(
                "INSERT INTO posyandu (desa_id, id, nama, dusun, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, now(), now())")
                .bind(d).bind(Uuid::now_v7()).bind(format!("Posyandu {i}")).bind(&dusun)
                .execute(&mut *tx).await.map_err(e)?;
        }
        // Children born over the last five years, spread over the three dusun.
        sqlx::query(
            "INSERT INTO penduduk (desa_id, id, nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, agama_id, \
             pendidikan_kk_id, pekerjaan_id, status_kawin_id, shdk_id, warganegara_id, rt_id, dibuat_pada, diubah_pada) \
             SELECT $1, gen_random_uuid(), $1 || lpad(g::text, 6, '0'), 'ANAK ' || g, 1 + g % 2, 'BATANG', \
             $2::date - (g * 1800 / $3)::int, 1, 1, 3, 1, 4, 1, \
             (SELECT id FROM wilayah_rt WHERE desa_id = $1 AND dusun = 'DUSUN ' || (1 + g % 3)), now(), now() \
             FROM generate_series(1, $3) g")
            .bind(d).bind(hari_ini).bind(per_desa).execute(&mut *tx).await.map_err(e)?;
        // 24 monthly posyandu days, each child at its dusun's posyandu once born; z-scores
        // spread from −3 to +2 so that about a fifth are stunted.
        sqlx::query(
            "INSERT INTO penimbangan (desa_id, id, posyandu_id, penduduk_id, tanggal, umur_hari, berat, panjang, \
             z_bbu, z_tbu, z_bbtb, z_imtu, status_nt, dicatat_oleh, dicatat_pada, diubah_pada) \
             SELECT p.desa_id, gen_random_uuid(), y.id, p.id, t.tgl, t.tgl - p.tanggal_lahir, 10.0, 80.0, \
             (abs(hashtext(p.id::text || t.tgl::text)) % 500) / 100.0 - 3.0, \
             (abs(hashtext(t.tgl::text || p.id::text)) % 500) / 100.0 - 3.0, \
             (abs(hashtext(p.nik || t.tgl::text)) % 500) / 100.0 - 3.0, 0.0, 'N', 'tolok-ukur', now(), now() \
             FROM penduduk p \
             JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
             JOIN posyandu y ON y.desa_id = p.desa_id AND y.dusun = r.dusun \
             CROSS JOIN LATERAL (SELECT ($2::date - make_interval(months => m))::date AS tgl FROM generate_series(0, 23) m) t \
             WHERE p.desa_id = $1 AND t.tgl >= p.tanggal_lahir AND t.tgl - p.tanggal_lahir <= 1826")
            .bind(d).bind(hari_ini).execute(&mut *tx).await.map_err(e)?;
        tx.commit().await.map_err(e)?;
        diisi += 1;
        if diisi % 50 == 0 {
            println!(
                "  {diisi} desa terisi, {:.0} s",
                mulai.elapsed().as_secs_f64()
            );
        }
    }
    sqlx::query("ANALYZE").execute(pool).await.map_err(e)?;
    let (anak_n, baris_n): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM penduduk WHERE desa_id LIKE $1), (SELECT count(*) FROM penimbangan WHERE desa_id LIKE $1)")
        .bind(format!("{kabupaten}%")).fetch_one(pool).await.map_err(e)?;
    println!(
        "{diisi} desa diisi dalam {:.1} s; kabupaten {kabupaten}: {anak_n} anak, {baris_n} penimbangan",
        mulai.elapsed().as_secs_f64()
    );
    let k = store.kesehatan();
    let (w, hasil) = ukur(r, || k.gizi_wilayah(kabupaten, hari_ini))
        .await
        .map_err(|x| x.to_string())?;
    let ditimbang: i64 = hasil.iter().map(|b| b.ditimbang).sum();
    println!(
        "dasbor gizi kabupaten (bulan ini, {} posyandu, {ditimbang} anak): median {:.1} ms, p95 {:.1} ms (n={})",
        hasil.len(),
        w.median,
        w.p95,
        w.n
    );
    println!(
        "HASIL kesehatan_wilayah anak={anak_n} penimbangan={baris_n} median_ms={:.1} p95_ms={:.1}",
        w.median, w.p95
    );
    Ok(())
}
