//! Social protection at district scale (issue 21): a kabupaten of 300,000 families in 300
//! villages, welfare data for most of them, ten programmes per village with their recipients
//! (some double receipts, recipients who died or moved, stale welfare data, eligible families
//! receiving nothing); then the cross-programme check over the whole district
//! (`Bantuan::tanda_wilayah`) and over one village (`Bantuan::tanda`), a village's recipient
//! list of a programme of 500 (`Bantuan::penerima`), and the same programme's page and the
//! village's aid page over real HTTP, logged in.
//!
//! The data is written with multi-row INSERTs, a transaction per village, without audit
//! entries: it is what a district accumulates over years, not the path under test.

use crate::ukur::{Rencana, Tabel, masuk, ringkas, ukur};
use balai_domain::KodeDesa;
use balai_domain::bantuan::JenisTanda;
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Store, on_db, on_tx};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::time::Instant;
use uuid::Uuid;

/// The programmes of every village: (code, for families (not persons), share of families
/// that receive it, codes it may not be combined with). PBI-JK reaches half the families: the
/// list of 500 that is timed.
const PROGRAM: [(&str, bool, f64, &[&str]); 10] = [
    ("PKH", true, 0.15, &[]),
    ("BPNT", true, 0.18, &[]),
    ("PBI-JK", true, 0.50, &[]),
    ("BLT-DD", true, 0.06, &["PKH", "BPNT"]),
    ("PIP", false, 0.08, &[]),
    ("RUTILAHU", true, 0.01, &["BSPS"]),
    ("BSPS", true, 0.01, &["RUTILAHU"]),
    ("ASPD", false, 0.03, &[]),
    ("BANSOS-PROV", true, 0.04, &["PKH"]),
    ("SANTUNAN-KEMATIAN", false, 0.005, &[]),
];
/// The programme whose recipient list and page are timed.
const PROGRAM_DAFTAR: &str = "PBI-JK";
const SANDI: &str = "sandi-tolok-ukur-bantuan-1";
const PENGGUNA: &str = "tolok-ukur-bantuan";
/// Binds per INSERT stay under SQLite's 32,766.
const MAKS_BIND: usize = 30_000;

const NAMA_DEPAN: [&str; 24] = [
    "SITI", "SRI", "NUR", "MUHAMMAD", "AHMAD", "DWI", "EKO", "BUDI", "TRI", "AGUS", "ENDANG",
    "SUSILO", "WAHYU", "RINI", "SUPARMAN", "SUGENG", "YULI", "DEWI", "HERU", "ANIK", "SLAMET",
    "RATNA", "JOKO", "TUTIK",
];
const NAMA_BELAKANG: [&str; 20] = [
    "RAHAYU",
    "LESTARI",
    "WIBOWO",
    "SUSANTO",
    "HIDAYAT",
    "PRASETYO",
    "SETIAWAN",
    "WULANDARI",
    "KURNIAWAN",
    "HANDAYANI",
    "SANTOSO",
    "NURHAYATI",
    "SAPUTRA",
    "PURNOMO",
    "MULYANI",
    "SARI",
    "FITRIANI",
    "UTOMO",
    "ASTUTI",
    "RIYADI",
];

/// A small deterministic generator (splitmix64): the same seed fills the same district.
struct Acak(u64);

impl Acak {
    fn u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn f(&mut self) -> f64 {
        (self.u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn di(&mut self, n: usize) -> usize {
        (self.u64() % n as u64) as usize
    }
}

/// One bound value of a bulk INSERT.
enum Nilai {
    Teks(String),
    Id(Uuid),
    IdAtauNull(Option<Uuid>),
    Kecil(i16),
    KecilAtauNull(Option<i16>),
    Bulat(i64),
    Logika(bool),
    Tanggal(NaiveDate),
    Waktu(DateTime<Utc>),
}

/// Rows of one table waiting to be written.
struct Sisip {
    kepala: &'static str,
    kolom: usize,
    nilai: Vec<Nilai>,
}

impl Sisip {
    fn baru(kepala: &'static str, kolom: usize) -> Sisip {
        Sisip {
            kepala,
            kolom,
            nilai: Vec::new(),
        }
    }

    fn baris(&mut self, v: Vec<Nilai>) {
        debug_assert_eq!(v.len(), self.kolom);
        self.nilai.extend(v);
    }

    /// Writes every row in multi-row INSERTs inside `tx`.
    async fn tulis(self, tx: &mut balai_store::db::Tx) -> Result<usize, String> {
        let per = (MAKS_BIND / self.kolom).max(1);
        let jumlah = self.nilai.len() / self.kolom;
        let mut sisa = self.nilai.into_iter();
        let mut ditulis = 0;
        while ditulis < jumlah {
            let n = per.min(jumlah - ditulis);
            let mut sql = format!("INSERT INTO {} VALUES ", self.kepala);
            for r in 0..n {
                if r > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for c in 0..self.kolom {
                    if c > 0 {
                        sql.push(',');
                    }
                    sql.push_str(&format!("${}", r * self.kolom + c + 1));
                }
                sql.push(')');
            }
            let nilai: Vec<Nilai> = sisa.by_ref().take(n * self.kolom).collect();
            on_tx!(tx, c => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for v in nilai {
                    q = match v {
                        Nilai::Teks(s) => q.bind(s),
                        Nilai::Id(u) => q.bind(u),
                        Nilai::IdAtauNull(u) => q.bind(u),
                        Nilai::Kecil(x) => q.bind(x),
                        Nilai::KecilAtauNull(x) => q.bind(x),
                        Nilai::Bulat(x) => q.bind(x),
                        Nilai::Logika(x) => q.bind(x),
                        Nilai::Tanggal(x) => q.bind(x),
                        Nilai::Waktu(x) => q.bind(x),
                    };
                }
                q.execute(&mut *c).await.map_err(|e| e.to_string())?;
            });
            ditulis += n;
        }
        Ok(jumlah)
    }
}

/// What the fill wrote.
#[derive(Default)]
struct Isi {
    keluarga: usize,
    penduduk: usize,
    kesejahteraan: usize,
    penerima: usize,
}

/// Village codes of kabupaten `kab`, from the region table.
pub(crate) async fn desa_kabupaten(
    store: &Store,
    kab: &str,
    n: usize,
) -> Result<Vec<String>, String> {
    let awalan = format!("{kab}%");
    let kode: Vec<String> = on_db!(&store.db, p => sqlx::query_scalar(
        "SELECT kode FROM wilayah WHERE tingkat = 'desa' AND kode LIKE $1 ORDER BY kode LIMIT $2")
        .bind(&awalan).bind(n as i64).fetch_all(p).await)
    .map_err(|e| e.to_string())?;
    Ok(kode.into_iter().map(|k| k.replace('.', "")).collect())
}

/// Fills one village: RTs, `keluarga` families of 1–5 members (a few dead or moved since),
/// welfare rows for nine in ten (a quarter with an older row too; about one in eight latest
/// rows older than a year), the ten programmes and their recipients.
async fn isi_desa(
    store: &Store,
    desa: &str,
    keluarga: usize,
    tahun: i32,
    benih: u64,
) -> Result<Isi, String> {
    let mut acak = Acak(benih);
    let now = Utc::now();
    let hari_ini = now.date_naive();
    let mut isi = Isi::default();
    let mut rt_sisip = Sisip::baru("wilayah_rt (desa_id, id, dusun, rw, rt)", 5);
    let mut rt = Vec::new();
    for i in 0..8 {
        let id = Uuid::now_v7();
        rt.push(id);
        rt_sisip.baris(vec![
            Nilai::Teks(desa.into()),
            Nilai::Id(id),
            Nilai::Teks(format!("DUSUN {}", i / 4 + 1)),
            Nilai::Teks(format!("{:03}", i / 2 + 1)),
            Nilai::Teks(format!("{:03}", i % 2 + 1)),
        ]);
    }
    let mut kel_sisip = Sisip::baru(
        "keluarga (desa_id, id, no_kk, kepala_id, rt_id, alamat, dibuat_pada, diubah_pada)",
        8,
    );
    let mut pdd_sisip = Sisip::baru(
        "penduduk (desa_id, id, nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, agama_id, \
         pendidikan_kk_id, pekerjaan_id, status_kawin_id, shdk_id, warganegara_id, alamat_sekarang, \
         keluarga_id, rt_id, status_dasar, dibuat_pada, diubah_pada)",
        19,
    );
    let mut kes_sisip = Sisip::baru(
        "kesejahteraan (desa_id, id, keluarga_id, status_dtks, desil, sumber, kriteria, jumlah_kriteria, \
         tanggal_data, dicatat_oleh, dicatat_pada)",
        11,
    );
    let mut prog_sisip = Sisip::baru(
        "program_bantuan (desa_id, id, kode, nama, sasaran, tahun, mulai, selesai, nominal, bentuk, \
         asal_dana, aturan, dibuat_pada, diubah_pada)",
        14,
    );
    let mut pen_sisip = Sisip::baru(
        "penerima_bantuan (desa_id, id, program_id, penduduk_id, keluarga_id, dasar, aktif, \
         alasan_berhenti, dicatat_oleh, dibuat_pada, diubah_pada)",
        11,
    );
    let mulai = NaiveDate::from_ymd_opt(tahun, 1, 1).ok_or("tahun")?;
    let selesai = NaiveDate::from_ymd_opt(tahun, 12, 31).ok_or("tahun")?;
    let mut program_id = Vec::new();
    for (kode, untuk_keluarga, _, larangan) in PROGRAM {
        let id = Uuid::now_v7();
        program_id.push(id);
        // The rules as the programme form stores them (`Aturan`, missing fields default).
        let aturan = format!(
            "{{\"larangan\":[{}]}}",
            larangan
                .iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(",")
        );
        prog_sisip.baris(vec![
            Nilai::Teks(desa.into()),
            Nilai::Id(id),
            Nilai::Teks(kode.into()),
            Nilai::Teks(format!("Program {kode}")),
            Nilai::Teks(
                if untuk_keluarga {
                    "keluarga"
                } else {
                    "penduduk"
                }
                .into(),
            ),
            Nilai::Bulat(i64::from(tahun)),
            Nilai::Tanggal(mulai),
            Nilai::Tanggal(selesai),
            Nilai::Bulat(300_000),
            Nilai::Teks("tunai".into()),
            Nilai::Teks("APBN".into()),
            Nilai::Teks(aturan),
            Nilai::Waktu(now),
            Nilai::Waktu(now),
        ]);
    }
    let kode_kk = &desa[..6];
    for k in 0..keluarga {
        let kk = Uuid::now_v7();
        let rt_id = rt[acak.di(rt.len())];
        let anggota = match acak.f() {
            x if x < 0.10 => 1,
            x if x < 0.25 => 2,
            x if x < 0.50 => 3,
            x if x < 0.80 => 4,
            _ => 5,
        };
        let alamat = format!("Jl. Desa No. {} RT {:03}", k + 1, acak.di(8) + 1);
        let mut orang: Vec<(Uuid, i16)> = Vec::new();
        let belakang = NAMA_BELAKANG[acak.di(NAMA_BELAKANG.len())];
        for a in 0..anggota {
            let id = Uuid::now_v7();
            let status: i16 = match acak.f() {
                x if x < 0.015 => 2,
                x if x < 0.025 => 3,
                _ => 1,
            };
            let lahir = hari_ini
                - Duration::days(if a < 2 { 9_000 } else { 1_500 } + acak.di(9_000) as i64);
            let lk = a % 2 == 0;
            pdd_sisip.baris(vec![
                Nilai::Teks(desa.into()),
                Nilai::Id(id),
                Nilai::Teks(format!("{kode_kk}{:06}{:04}", k, a + 1)),
                Nilai::Teks(format!(
                    "{} {belakang}",
                    NAMA_DEPAN[acak.di(NAMA_DEPAN.len())]
                )),
                Nilai::Kecil(if lk { 1 } else { 2 }),
                Nilai::Teks("BANYUMAS".into()),
                Nilai::Tanggal(lahir),
                Nilai::Kecil(1),
                Nilai::Kecil(1 + acak.di(8) as i16),
                Nilai::Kecil(1 + acak.di(80) as i16),
                Nilai::Kecil(if a < 2 { 2 } else { 1 }),
                Nilai::Kecil(match a {
                    0 => 1,
                    1 => 3,
                    _ => 4,
                }),
                Nilai::Kecil(1),
                Nilai::Teks(alamat.clone()),
                Nilai::Id(kk),
                Nilai::Id(rt_id),
                Nilai::Kecil(status),
                Nilai::Waktu(now),
                Nilai::Waktu(now),
            ]);
            orang.push((id, status));
        }
        kel_sisip.baris(vec![
            Nilai::Teks(desa.into()),
            Nilai::Id(kk),
            Nilai::Teks(format!(
                "{kode_kk}{:010}",
                benih % 1000 * 10_000_000 + k as u64
            )),
            Nilai::Id(orang[0].0),
            Nilai::Id(rt_id),
            Nilai::Teks(alamat),
            Nilai::Waktu(now),
            Nilai::Waktu(now),
        ]);
        isi.keluarga += 1;
        isi.penduduk += orang.len();

        // Welfare data: the latest row, and for a quarter an older one a year before.
        let mut layak = false;
        if acak.f() < 0.9 {
            let (status, desil, kriteria): (&str, Option<i16>, Option<i16>) = match acak.f() {
                x if x < 0.30 => ("dtks", Some(1 + acak.di(4) as i16), None),
                x if x < 0.40 => ("dtsen", Some(1 + acak.di(5) as i16), None),
                _ => ("tidak", None, Some(acak.di(14) as i16)),
            };
            layak = status != "tidak" || kriteria.is_some_and(|n| n >= 9);
            let umur = if acak.f() < 0.12 {
                400 + acak.di(400)
            } else {
                acak.di(300)
            } as i64;
            let riwayat = acak.f() < 0.25;
            let baris = if riwayat { 2 } else { 1 };
            for r in 0..baris {
                let umur = umur + 365 * (baris - 1 - r) as i64;
                kes_sisip.baris(vec![
                    Nilai::Teks(desa.into()),
                    Nilai::Id(Uuid::now_v7()),
                    Nilai::Id(kk),
                    Nilai::Teks(status.into()),
                    Nilai::KecilAtauNull(desil),
                    Nilai::Teks(
                        if kriteria.is_some() {
                            "survei"
                        } else {
                            "kemensos"
                        }
                        .into(),
                    ),
                    Nilai::Teks(
                        kriteria
                            .map(|n| (1..=n).map(|x| x.to_string()).collect::<Vec<_>>().join(","))
                            .unwrap_or_default(),
                    ),
                    Nilai::KecilAtauNull(kriteria),
                    Nilai::Tanggal(hari_ini - Duration::days(umur)),
                    Nilai::Teks("pengguna:operator".into()),
                    Nilai::Waktu(now - Duration::days(umur) + Duration::hours(r as i64)),
                ]);
                isi.kesejahteraan += 1;
            }
        }

        // Programmes: eligible families more often. Each draw is independent, so some
        // families receive two programmes that forbid each other.
        for (p, (_, untuk_keluarga, bagian, _)) in PROGRAM.iter().enumerate() {
            let peluang = if layak { bagian * 1.6 } else { bagian * 0.6 };
            if acak.f() >= peluang.min(0.95) {
                continue;
            }
            // The family's representative (the head) or, for a person programme, a member;
            // registered while alive, perhaps dead or moved since.
            let (pid, _) = if *untuk_keluarga {
                orang[0]
            } else {
                orang[acak.di(orang.len())]
            };
            let aktif = acak.f() >= 0.03;
            pen_sisip.baris(vec![
                Nilai::Teks(desa.into()),
                Nilai::Id(Uuid::now_v7()),
                Nilai::Id(program_id[p]),
                Nilai::Id(pid),
                Nilai::IdAtauNull(Some(kk)),
                Nilai::Teks("Musdes 12-01, BA 141/03/I".into()),
                Nilai::Logika(aktif),
                Nilai::Teks(if aktif { "" } else { "Sudah mampu" }.into()),
                Nilai::Teks("pengguna:operator".into()),
                Nilai::Waktu(now),
                Nilai::Waktu(now),
            ]);
            isi.penerima += 1;
        }
    }
    let mut tx = store.db.begin().await.map_err(|e| e.to_string())?;
    rt_sisip.tulis(&mut tx).await?;
    kel_sisip.tulis(&mut tx).await?;
    pdd_sisip.tulis(&mut tx).await?;
    kes_sisip.tulis(&mut tx).await?;
    prog_sisip.tulis(&mut tx).await?;
    pen_sisip.tulis(&mut tx).await?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(isi)
}

/// Times `n` GETs of `url` (after `pemanasan` untimed ones), in milliseconds; the body size.
pub(crate) async fn waktu_halaman(
    c: &reqwest::Client,
    url: &str,
    pemanasan: usize,
    n: usize,
) -> Result<(Vec<f64>, usize), String> {
    let mut ms = Vec::with_capacity(n);
    let mut ukuran = 0;
    for i in 0..pemanasan + n {
        let t = Instant::now();
        let r = c.get(url).send().await.map_err(|e| e.to_string())?;
        if !r.status().is_success() {
            return Err(format!("{url}: {}", r.status()));
        }
        ukuran = r.bytes().await.map_err(|e| e.to_string())?.len();
        if i >= pemanasan {
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok((ms, ukuran))
}

#[allow(clippy::too_many_arguments)]
pub async fn jalankan(
    store: &Store,
    kabupaten: &str,
    banyak_desa: usize,
    jumlah_keluarga: usize,
    r: Rencana,
    runs_wilayah: usize,
    http: bool,
) -> Result<(), String> {
    let e = |x: balai_store::Galat| x.to_string();
    let aktor = Aktor::sistem();
    if kabupaten.len() != 4 || !kabupaten.chars().all(|c| c.is_ascii_digit()) {
        return Err("--kabupaten: empat angka, misalnya 3302".into());
    }
    let desa_ids = desa_kabupaten(store, kabupaten, banyak_desa).await?;
    if desa_ids.len() < banyak_desa {
        return Err(format!(
            "kabupaten {kabupaten} hanya mempunyai {} desa",
            desa_ids.len()
        ));
    }
    let per_desa = jumlah_keluarga.div_ceil(banyak_desa);
    let tahun = Utc::now().year();

    // 1. Fill (skipped for villages already filled, so a kept database can be measured again).
    let mulai = Instant::now();
    let mut isi = Isi::default();
    let mut diisi = 0;
    for (i, d) in desa_ids.iter().enumerate() {
        if store.desa(d).await.map_err(e)?.is_none() {
            let kode = KodeDesa::parse(d).map_err(|x| x.to_string())?;
            store.buat_desa(&kode, &aktor).await.map_err(e)?;
        }
        let ada: i64 = on_db!(&store.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM program_bantuan WHERE desa_id = $1").bind(d).fetch_one(p).await)
        .map_err(|x| x.to_string())?;
        if ada > 0 {
            continue;
        }
        let s = isi_desa(store, d, per_desa, tahun, 2026 + i as u64).await?;
        isi.keluarga += s.keluarga;
        isi.penduduk += s.penduduk;
        isi.kesejahteraan += s.kesejahteraan;
        isi.penerima += s.penerima;
        diisi += 1;
        if diisi % 25 == 0 {
            println!(
                "  {diisi} desa terisi, {:.0} s",
                mulai.elapsed().as_secs_f64()
            );
        }
    }
    if diisi > 0 {
        let detik = mulai.elapsed().as_secs_f64();
        println!(
            "mengisi {diisi} desa: {} keluarga, {} penduduk, {} baris kesejahteraan, {} penerima dalam {detik:.1} s",
            isi.keluarga, isi.penduduk, isi.kesejahteraan, isi.penerima
        );
        println!(
            "HASIL bantuan_isi desa={diisi} keluarga={} penduduk={} kesejahteraan={} penerima={} detik={detik:.1}",
            isi.keluarga, isi.penduduk, isi.kesejahteraan, isi.penerima
        );
        on_db!(&store.db, p => sqlx::query("ANALYZE").execute(p).await.map(|_| ()))
            .map_err(|x| x.to_string())?;
    }
    let jumlah: (i64, i64, i64) = on_db!(&store.db, p => sqlx::query_as(
        "SELECT (SELECT count(*) FROM keluarga WHERE desa_id >= $1 AND desa_id < $2), \
         (SELECT count(*) FROM kesejahteraan WHERE desa_id >= $1 AND desa_id < $2), \
         (SELECT count(*) FROM penerima_bantuan WHERE desa_id >= $1 AND desa_id < $2)")
        .bind(kabupaten).bind(format!("{kabupaten}a")).fetch_one(p).await)
    .map_err(|x| x.to_string())?;
    println!(
        "# kabupaten {kabupaten}: {} desa, {} keluarga, {} baris kesejahteraan, {} penerima, {} program per desa",
        desa_ids.len(),
        jumlah.0,
        jumlah.1,
        jumlah.2,
        PROGRAM.len()
    );

    let b = store.bantuan();
    let mut tabel = Tabel::baru(&["kueri", "n", "median ms", "p95 ms", "min ms", "hasil"]);

    // 2. The district check.
    let rw = Rencana {
        warmup: 1,
        runs: runs_wilayah.max(1),
        anggaran: None,
    };
    let (rk, semua) = ukur(rw, || b.tanda_wilayah(kabupaten)).await.map_err(e)?;
    let total: usize = semua.iter().map(|(_, t)| t.len()).sum();
    let per_jenis: Vec<String> = JenisTanda::SEMUA
        .iter()
        .map(|j| {
            let n: usize = semua
                .iter()
                .map(|(_, t)| t.iter().filter(|x| x.jenis == *j).count())
                .sum();
            format!("{}={n}", j.kode())
        })
        .collect();
    tabel.baris(vec![
        format!("tanda_wilayah {kabupaten} ({} desa)", desa_ids.len()),
        rk.n.to_string(),
        format!("{:.1}", rk.median),
        format!("{:.1}", rk.p95),
        format!("{:.1}", rk.min),
        format!("{total} tanda di {} desa", semua.len()),
    ]);
    println!("tanda per jenis: {}", per_jenis.join(" "));
    println!(
        "HASIL bantuan_tanda_wilayah n={} median_ms={:.1} p95_ms={:.1} min_ms={:.1} tanda={total} desa={} {}",
        rk.n,
        rk.median,
        rk.p95,
        rk.min,
        semua.len(),
        per_jenis.join(" ")
    );

    // 3. One village's check, and the village list of the programme of 500.
    let desa = desa_ids[0].clone();
    let (rk, t) = ukur(
        Rencana {
            warmup: 3,
            runs: r.runs.min(50),
            anggaran: r.anggaran,
        },
        || b.tanda(&desa),
    )
    .await
    .map_err(e)?;
    let sama = semua
        .iter()
        .find(|(d, _)| *d == desa)
        .map(|(_, x)| x.len())
        .unwrap_or(0);
    if sama != t.len() {
        return Err(format!(
            "tanda desa {desa}: {} sendiri, {sama} dalam pemeriksaan kabupaten",
            t.len()
        ));
    }
    tabel.baris(vec![
        format!("tanda desa {desa}"),
        rk.n.to_string(),
        format!("{:.2}", rk.median),
        format!("{:.2}", rk.p95),
        format!("{:.2}", rk.min),
        format!("{} tanda", t.len()),
    ]);
    println!(
        "HASIL bantuan_tanda_desa n={} median_ms={:.2} p95_ms={:.2} tanda={}",
        rk.n,
        rk.median,
        rk.p95,
        t.len()
    );
    let program = b
        .program_kode(&desa, PROGRAM_DAFTAR, i64::from(tahun))
        .await
        .map_err(e)?
        .ok_or("program daftar tidak ada")?;
    let (rk, daftar) = ukur(r, || b.penerima(&desa, program.id)).await.map_err(e)?;
    tabel.baris(vec![
        format!("penerima {PROGRAM_DAFTAR} desa {desa}"),
        rk.n.to_string(),
        format!("{:.2}", rk.median),
        format!("{:.2}", rk.p95),
        format!("{:.2}", rk.min),
        format!("{} penerima", daftar.len()),
    ]);
    println!(
        "HASIL bantuan_penerima n={} median_ms={:.2} p95_ms={:.2} penerima={}",
        rk.n,
        rk.median,
        rk.p95,
        daftar.len()
    );

    // What the programme page adds to the list: one audit entry per person shown (UU 27/2022
    // access log), written before the page is rendered.
    let orang: Vec<Uuid> = daftar.iter().map(|p| p.penduduk_id).collect();
    let pembaca = Aktor::pengguna(PENGGUNA);
    let (rk, _) = ukur(
        Rencana {
            warmup: 3,
            runs: r.runs.min(50),
            anggaran: r.anggaran,
        },
        || store.catat_akses_penduduk(&desa, &pembaca, "lihat_penerima_bantuan", &orang),
    )
    .await
    .map_err(e)?;
    tabel.baris(vec![
        format!("catat akses {} penduduk (audit)", orang.len()),
        rk.n.to_string(),
        format!("{:.2}", rk.median),
        format!("{:.2}", rk.p95),
        format!("{:.2}", rk.min),
        String::new(),
    ]);
    println!(
        "HASIL bantuan_catat_akses n={} median_ms={:.2} p95_ms={:.2} penduduk={}",
        rk.n,
        rk.median,
        rk.p95,
        orang.len()
    );

    // 4. The pages over HTTP, logged in as the village's administrator.
    if http {
        if store
            .pengguna_by_username(PENGGUNA)
            .await
            .map_err(e)?
            .is_none()
        {
            store
                .tambah_pengguna(
                    &PenggunaBaru {
                        username: PENGGUNA,
                        nama: "Tolok Ukur Bantuan",
                        kata_sandi: SANDI,
                        peran: Peran::Admin,
                        desa_id: Some(&desa),
                        cakupan: "",
                    },
                    &aktor,
                )
                .await
                .map_err(e)?;
        }
        let (url, henti) = crate::ukur::server(store).await?;
        let c = masuk(&url, PENGGUNA, SANDI).await?;
        let halaman = [
            (
                "halaman_program",
                format!("GET /desa/{desa}/bantuan/{{id}} ({PROGRAM_DAFTAR})"),
                format!("{url}/desa/{desa}/bantuan/{}", program.id),
            ),
            (
                "halaman_bantuan",
                format!("GET /desa/{desa}/bantuan (dengan jumlah tanda)"),
                format!("{url}/desa/{desa}/bantuan"),
            ),
            (
                "halaman_periksa",
                format!("GET /desa/{desa}/bantuan/periksa"),
                format!("{url}/desa/{desa}/bantuan/periksa"),
            ),
        ];
        for (kunci, label, u) in halaman {
            let (ms, ukuran) = waktu_halaman(&c, &u, r.warmup, r.runs.max(1)).await?;
            let rk = ringkas(ms).ok_or("tanpa hasil")?;
            tabel.baris(vec![
                label,
                rk.n.to_string(),
                format!("{:.2}", rk.median),
                format!("{:.2}", rk.p95),
                format!("{:.2}", rk.min),
                format!("{:.1} KB", ukuran as f64 / 1024.0),
            ]);
            println!(
                "HASIL bantuan_{kunci} n={} median_ms={:.2} p95_ms={:.2} kb={:.1}",
                rk.n,
                rk.median,
                rk.p95,
                ukuran as f64 / 1024.0
            );
        }
        let _ = henti.send(());
    }
    tabel.cetak();
    Ok(())
}
