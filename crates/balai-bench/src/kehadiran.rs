//! The district's attendance recap at scale (issue 24): a kabupaten's villages, each with 12
//! officials and a full month of check-ins and check-outs (some late, some missing, a few
//! flagged), and one approved leave per village; then `Kehadiran::rekap_wilayah` over the whole
//! kabupaten for that month (target under 500 ms).
//!
//! Rows are generated inside PostgreSQL (`generate_series`), a statement per table per village,
//! without audit entries. PostgreSQL only: the recap across villages is the district server's.

use crate::ukur::{Rencana, ukur};
use balai_domain::KodeDesa;
use balai_store::db::Db;
use balai_store::{Aktor, Store};
use chrono::{Datelike, Months, Utc};
use std::time::Instant;

pub async fn jalankan(
    store: &Store,
    kabupaten: &str,
    banyak_desa: usize,
    staf: usize,
    r: Rencana,
) -> Result<(), String> {
    let Db::Postgres(pool) = &store.db else {
        return Err(
            "tolok ukur rekap kehadiran kabupaten memakai PostgreSQL (--database postgres://…)"
                .into(),
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
    let hari_ini = Utc::now().date_naive();
    let awal = hari_ini
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)))
        .ok_or("tanggal")?;
    let akhir = hari_ini
        .with_day(1)
        .and_then(|d| d.pred_opt())
        .ok_or("tanggal")?;
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
        let ada: i64 = sqlx::query_scalar("SELECT count(*) FROM perangkat WHERE desa_id = $1")
            .bind(d)
            .fetch_one(pool)
            .await
            .map_err(e)?;
        if ada > 0 {
            continue;
        }
        store
            .kehadiran()
            .siapkan(d)
            .await
            .map_err(|x| x.to_string())?;
        let mut tx = pool.begin().await.map_err(e)?;
        sqlx::query(
            "INSERT INTO perangkat (desa_id, id, nama, jenis_kelamin, dibuat_pada, diubah_pada) \
             SELECT $1, gen_random_uuid(), 'PERANGKAT ' || g, 1 + g % 2, now(), now() FROM generate_series(1, $2) g")
            .bind(d).bind(staf as i64).execute(&mut *tx).await.map_err(e)?;
        sqlx::query(
            "INSERT INTO jabatan (desa_id, id, perangkat_id, lembaga, jabatan, urut, mulai, dicatat_oleh, dibuat_pada, diubah_pada) \
             SELECT desa_id, gen_random_uuid(), id, 'pemdes', 'Jabatan ' || nama, 0, DATE '2024-01-15', 'tolok-ukur', now(), now() \
             FROM perangkat WHERE desa_id = $1")
            .bind(d).execute(&mut *tx).await.map_err(e)?;
        // Every weekday of the month: a check-in 07:30–08:59 (late after 08:15 about a sixth of
        // the time), a check-out at 16:xx; about one day in twenty missing; a few far.
        sqlx::query(
            "INSERT INTO kehadiran (desa_id, id, perangkat_id, tanggal, jenis, waktu, cara, jarak_m, tanda, ditolak, dicatat_oleh, dibuat_pada) \
             SELECT p.desa_id, gen_random_uuid(), p.id, t.tgl, j.jenis, \
             (t.tgl + CASE WHEN j.jenis = 'masuk' THEN time '00:30' + make_interval(mins => abs(hashtext(p.id::text || t.tgl::text)) % 90) \
              ELSE time '09:05' END)::timestamp AT TIME ZONE 'UTC', \
             'anjungan', NULL, CASE WHEN abs(hashtext(t.tgl::text || p.id::text)) % 97 = 0 THEN 'jauh' ELSE '' END, FALSE, 'tolok-ukur', now() \
             FROM perangkat p CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS g(tgl0) \
             CROSS JOIN LATERAL (SELECT g.tgl0::date AS tgl) t \
             CROSS JOIN (VALUES ('masuk'), ('pulang')) AS j(jenis) \
             WHERE p.desa_id = $1 AND extract(isodow FROM t.tgl) < 6 AND abs(hashtext(p.nama || t.tgl::text)) % 20 <> 0")
            .bind(d).bind(awal).bind(akhir).execute(&mut *tx).await.map_err(e)?;
        sqlx::query(
            "INSERT INTO izin_hadir (desa_id, id, perangkat_id, jenis, mulai, selesai, alasan, status, diajukan_oleh, dibuat_pada, diubah_pada) \
             SELECT desa_id, gen_random_uuid(), id, 'cuti', $2::date + 7, $2::date + 8, 'keperluan keluarga', 'disetujui', 'tolok-ukur', now(), now() \
             FROM perangkat WHERE desa_id = $1 ORDER BY id LIMIT 1")
            .bind(d).bind(awal).execute(&mut *tx).await.map_err(e)?;
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
    let (orang, baris): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM perangkat WHERE desa_id LIKE $1), \
         (SELECT count(*) FROM kehadiran WHERE desa_id LIKE $1 AND tanggal >= $2 AND tanggal <= $3)")
        .bind(format!("{kabupaten}%")).bind(awal).bind(akhir).fetch_one(pool).await.map_err(e)?;
    println!(
        "{diisi} desa diisi dalam {:.1} s; kabupaten {kabupaten}: {orang} perangkat, {baris} absen bulan {}",
        mulai.elapsed().as_secs_f64(),
        awal.format("%Y-%m")
    );
    let k = store.kehadiran();
    let (w, hasil) = ukur(r, || k.rekap_wilayah(kabupaten, awal.year(), awal.month()))
        .await
        .map_err(|x| x.to_string())?;
    let hadir: i64 = hasil.iter().map(|d| d.jumlah.hadir).sum();
    println!(
        "rekap kehadiran kabupaten ({} desa, {hadir} hari hadir): median {:.1} ms, p95 {:.1} ms (n={})",
        hasil.len(),
        w.median,
        w.p95,
        w.n
    );
    println!(
        "HASIL kehadiran_wilayah perangkat={orang} absen={baris} median_ms={:.1} p95_ms={:.1}",
        w.median, w.p95
    );
    Ok(())
}
