//! Civil registration at district scale: the Dukcapil queue over 50,000 applications from many
//! villages (list and filter, a village's list, a number search, a deep page, the service-time
//! report), and the form PDF render.

use crate::ukur::{Rencana, Tabel, ukur};
use balai_domain::KodeDesa;
use balai_domain::adminduk::JenisAdminduk;
use balai_store::adminduk::Saring;
use balai_store::demo::generate::DemoPlan;
use balai_store::{Aktor, Store, on_db};
use chrono::{Duration, NaiveDate, Utc};
use std::time::Instant;

/// Rows per INSERT (13 binds each; well under both backends' limits).
const PER_SISIP: usize = 400;
const STATUS: [&str; 6] = [
    "diajukan",
    "diteruskan",
    "diteruskan",
    "diproses",
    "selesai",
    "selesai",
];

/// Village codes of the regency of `desa`, from the region table.
async fn desa_kabupaten(store: &Store, desa: &str, n: usize) -> Result<Vec<String>, String> {
    let awalan = format!("{}%", &desa[..4]);
    let kode: Vec<String> = on_db!(&store.db, p => sqlx::query_scalar(
        "SELECT kode FROM wilayah WHERE tingkat = 'desa' AND kode LIKE $1 ORDER BY kode LIMIT $2")
        .bind(&awalan).bind(n as i64).fetch_all(p).await)
    .map_err(|e| e.to_string())?;
    Ok(kode.into_iter().map(|k| k.replace('.', "")).collect())
}

pub async fn jalankan(
    store: &Store,
    desa: &KodeDesa,
    hari: NaiveDate,
    r: Rencana,
    jumlah: usize,
    banyak_desa: usize,
) -> Result<(), String> {
    let aktor = Aktor::sistem();
    let e = |x: balai_store::Galat| x.to_string();
    let mut desa_ids = desa_kabupaten(store, desa.as_str(), banyak_desa).await?;
    if desa_ids.is_empty() {
        desa_ids.push(desa.as_str().to_string());
    }
    let ada: i64 = on_db!(&store.db, p => sqlx::query_scalar("SELECT count(*) FROM adminduk")
        .fetch_one(p).await)
    .map_err(|x| x.to_string())?;
    if (ada as usize) < jumlah {
        let mulai = Instant::now();
        let per_desa = jumlah.div_ceil(desa_ids.len());
        for (i, d) in desa_ids.iter().enumerate() {
            let kode = KodeDesa::parse(d).map_err(|x| x.to_string())?;
            if store.desa(d).await.map_err(e)?.is_none() {
                store
                    .isi_demo(
                        &DemoPlan {
                            desa: kode,
                            penduduk: 200,
                            seed: i as u64,
                            hari_ini: hari,
                        },
                        &aktor,
                    )
                    .await
                    .map_err(e)?;
            }
            let orang: Vec<uuid::Uuid> = on_db!(&store.db, p => sqlx::query_scalar(
                "SELECT id FROM penduduk WHERE desa_id = $1 ORDER BY id").bind(d).fetch_all(p).await)
            .map_err(|x| x.to_string())?;
            sisipkan(store, d, &orang, per_desa, i).await?;
        }
        println!(
            "mengisi {} permohonan di {} desa: {:.1} s",
            jumlah,
            desa_ids.len(),
            mulai.elapsed().as_secs_f64()
        );
        on_db!(&store.db, p => sqlx::query("ANALYZE adminduk").execute(p).await.map(|_| ()))
            .map_err(|x| x.to_string())?;
    }

    let awalan = desa.as_str()[..4].to_string();
    let satu_desa = desa_ids[0].clone();
    let ad = store.adminduk();
    let mut tabel = Tabel::baru(&["kueri", "n", "median ms", "p95 ms", "baris", "total"]);
    let kasus: Vec<(&str, Saring)> = vec![
        (
            "antrean_kabupaten",
            Saring {
                awalan: awalan.clone(),
                status: "diteruskan".into(),
                ..Default::default()
            },
        ),
        (
            "saring_jenis",
            Saring {
                awalan: awalan.clone(),
                jenis: "akta_lahir".into(),
                ..Default::default()
            },
        ),
        (
            "desa_semua",
            Saring {
                desa_id: Some(satu_desa.clone()),
                ..Default::default()
            },
        ),
        (
            "cari_nomor",
            Saring {
                awalan: awalan.clone(),
                nomor: "AD-7".into(),
                ..Default::default()
            },
        ),
        (
            "halaman_100",
            Saring {
                awalan: awalan.clone(),
                halaman: 100,
                ..Default::default()
            },
        ),
    ];
    for (nama, s) in kasus {
        let (rk, (baris, total)) = ukur(r, || ad.antrean(&s)).await.map_err(e)?;
        tabel.baris(vec![
            nama.into(),
            rk.n.to_string(),
            format!("{:.2}", rk.median),
            format!("{:.2}", rk.p95),
            baris.len().to_string(),
            total.to_string(),
        ]);
        println!(
            "HASIL adminduk_{nama} n={} median_ms={:.2} p95_ms={:.2} total={total}",
            rk.n, rk.median, rk.p95
        );
    }
    let (rk, w) = ukur(r, || ad.waktu_layanan(&awalan)).await.map_err(e)?;
    tabel.baris(vec![
        "waktu_layanan".into(),
        rk.n.to_string(),
        format!("{:.2}", rk.median),
        format!("{:.2}", rk.p95),
        w.len().to_string(),
        String::new(),
    ]);
    println!(
        "HASIL adminduk_waktu_layanan n={} median_ms={:.2} p95_ms={:.2}",
        rk.n, rk.median, rk.p95
    );

    // The form PDF: a birth application's F-2.01 with both parents' blocks filled.
    let mesin = balai_pdf::Mesin::baru();
    let orang = |nama: &str| -> Vec<(String, String)> {
        [
            ("Nama lengkap", nama),
            ("NIK", "3325084101850009"),
            ("Nomor KK", "3325081201100001"),
            ("Jenis kelamin", "PEREMPUAN"),
            ("Tempat, tanggal lahir", "Batang, 1 Januari 1985"),
            ("Agama", "ISLAM"),
            ("Pekerjaan", "PEDAGANG"),
            ("Status perkawinan", "KAWIN"),
            ("Alamat", "Jl. Raya Donorejo RT 002 RW 001 Dusun Krajan"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    };
    let bagian = vec![
        balai_pdf::BagianFormulir {
            judul: "Data pelapor / pemohon".into(),
            baris: orang("SITI AMINAH"),
        },
        balai_pdf::BagianFormulir {
            judul: "Rincian permohonan akta kelahiran".into(),
            baris: JenisAdminduk::AktaLahir
                .isian()
                .into_iter()
                .map(|f| (f.label, "Contoh isian".to_string()))
                .collect(),
        },
    ];
    let syarat: Vec<(String, bool)> = JenisAdminduk::AktaLahir
        .persyaratan()
        .iter()
        .map(|s| (s.label.to_string(), s.wajib))
        .collect();
    let wilayah = vec![
        ("Provinsi".to_string(), "JAWA TENGAH".to_string()),
        ("Kabupaten/Kota".into(), "BATANG".into()),
        ("Kecamatan".into(), "LIMPUNG".into()),
        ("Desa/Kelurahan".into(), "DONOREJO (33.25.08.2004)".into()),
    ];
    let ttd = vec![
        ("Pemohon".to_string(), "SITI AMINAH".to_string()),
        ("Kepala Desa Donorejo".into(), "SUTRISNO".into()),
    ];
    // A different number each time, so typst's memoised layout cannot answer from its cache.
    let mut urut = 0u32;
    let mut nomor = String::new();
    let (rk, pdf) = ukur(r, || {
        urut += 1;
        nomor = format!("AD-{urut:08}");
        let pdf = render(&mesin, &nomor, &wilayah, &bagian, &syarat, &ttd);
        async move { pdf }
    })
    .await
    .map_err(|x| x.pesan)?;
    tabel.baris(vec![
        "render_formulir".into(),
        rk.n.to_string(),
        format!("{:.2}", rk.median),
        format!("{:.2}", rk.p95),
        format!("{} KB", pdf.len() / 1024),
        String::new(),
    ]);
    println!(
        "HASIL adminduk_formulir n={} median_ms={:.2} p95_ms={:.2} ukuran_kb={:.1}",
        rk.n,
        rk.median,
        rk.p95,
        pdf.len() as f64 / 1024.0
    );
    tabel.cetak();
    Ok(())
}

fn render(
    mesin: &balai_pdf::Mesin,
    nomor: &str,
    wilayah: &[(String, String)],
    bagian: &[balai_pdf::BagianFormulir],
    syarat: &[(String, bool)],
    ttd: &[(String, String)],
) -> Result<Vec<u8>, balai_pdf::GalatTemplat> {
    mesin.render_formulir(&balai_pdf::Formulir {
        kode: "F-2.01",
        judul: "Pelaporan Pencatatan Sipil di Dalam Wilayah NKRI",
        nomor,
        wilayah,
        bagian,
        syarat,
        tempat_tanggal: "Donorejo, 6 Desember 2026",
        tanda_tangan: ttd,
        kertas: balai_pdf::Kertas::A4,
    })
}

/// `n` applications of one village in bulk (no audit, no notices: this is the data a district
/// accumulates over years, not the path under test).
async fn sisipkan(
    store: &Store,
    desa: &str,
    orang: &[uuid::Uuid],
    n: usize,
    benih: usize,
) -> Result<(), String> {
    if orang.is_empty() {
        return Ok(());
    }
    let awal = Utc::now() - Duration::days(400);
    let mut i = 0;
    while i < n {
        let akhir = (i + PER_SISIP).min(n);
        let mut sql = String::from(
            "INSERT INTO adminduk (desa_id, id, nomor, jenis, status, pemohon_id, subjek_id, isian, kanal, \
             persetujuan_pada, diajukan_pada, diteruskan_pada, selesai_pada, dibuat_pada, diubah_pada) VALUES ",
        );
        for k in i..akhir {
            let b = (k - i) * 10;
            if k > i {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, '{{}}', 'portal', ${}, ${}, ${}, ${}, ${}, ${})",
                b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 6, b + 7, b + 7, b + 8, b + 9, b + 10, b + 10
            ));
        }
        let mut baris = Vec::new();
        for k in i..akhir {
            let x = k * 7919 + benih * 104_729;
            let jenis = JenisAdminduk::SEMUA[x % JenisAdminduk::SEMUA.len()].kode();
            let status = STATUS[x % STATUS.len()];
            let diajukan = awal + Duration::minutes((x % (400 * 24 * 60)) as i64);
            let diteruskan = (status != "diajukan").then(|| diajukan + Duration::hours(20));
            // Finished 1 to 12 days after forwarding.
            let selesai = (status == "selesai")
                .then(|| diajukan + Duration::hours(20 + 24 * (1 + (x % 12) as i64)));
            let mut acak = [0u8; 5];
            acak.copy_from_slice(&uuid::Uuid::new_v4().as_bytes()[..5]);
            baris.push((
                uuid::Uuid::now_v7(),
                balai_domain::adminduk::nomor_referensi(acak),
                jenis,
                status,
                orang[x % orang.len()],
                diajukan,
                diteruskan,
                selesai,
            ));
        }
        on_db!(&store.db, p => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (id, nomor, jenis, status, pid, diajukan, diteruskan, selesai) in &baris {
                q = q.bind(desa).bind(*id).bind(nomor.as_str()).bind(*jenis).bind(*status).bind(*pid)
                    .bind(*diajukan).bind(*diteruskan).bind(*selesai).bind(*diajukan);
            }
            q.execute(p).await.map(|_| ())
        })
        .map_err(|x| x.to_string())?;
        i = akhir;
    }
    Ok(())
}
