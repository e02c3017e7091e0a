//! The population import page over real HTTP on both backends: a SIAK file with an RT/RW the
//! village has not registered is previewed with the new RT listed and a choice of dusun (the
//! village's dusun and "Belum ditentukan"); checking again with another dusun keeps the file,
//! applying puts the RT in the chosen dusun, and the choice survives a file with errors.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::impor::JUDUL_SIAK;
use balai_store::{Aktor, Store};
use bersama::{csrf, masuk_staf, server, staf_desa};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const DESA: &str = "3325082004";

/// A SIAK export (semicolons, as Indonesian Excel saves it) of `baris`: (NIK, name, birth date,
/// sex, SHDK, RT, RW).
fn siak(baris: &[(&str, &str, &str, &str, &str, &str, &str)]) -> Vec<u8> {
    let mut out = JUDUL_SIAK.join(";");
    for (nik, nama, lahir, kelamin, shdk, rt, rw) in baris {
        let mut r: Vec<&str> = vec![""; JUDUL_SIAK.len()];
        let mut isi = |judul: &str, v: &'static str| {
            let i = JUDUL_SIAK.iter().position(|j| *j == judul).unwrap();
            r[i] = v;
        };
        isi("Nomor KK", "3325081201100001");
        isi("Status", "HIDUP");
        isi("Tempat Lahir", "BATANG");
        isi("Status Kawin", "KAWIN");
        isi("Agama", "ISLAM");
        isi("Alamat", "JL. MAWAR");
        isi("Pendidikan", "SLTA/SEDERAJAT");
        isi("Pekerjaan", "PETANI/PEKEBUN");
        r[1] = nik;
        r[2] = nama;
        r[5] = lahir;
        r[6] = kelamin;
        r[12] = shdk;
        r[17] = rw;
        r[18] = rt;
        out.push('\n');
        out.push_str(&r.join(";"));
    }
    out.into_bytes()
}

fn unggah(token: &str, dusun: &str, isi: Vec<u8>) -> Form {
    Form::new()
        .text("_csrf", token.to_string())
        .text("format", "siak")
        .text("dusun_baru", dusun.to_string())
        .part("berkas", Part::bytes(isi).file_name("buku_induk.csv"))
}

fn token_terapkan(html: &str) -> String {
    let i = html.find("name=\"token\" value=\"").expect("apply form") + 20;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

/// The `<select>` with this id, as text.
fn pilihan<'a>(html: &'a str, id: &str) -> &'a str {
    let i = html
        .find(&format!("<select id=\"{id}\""))
        .unwrap_or_else(|| panic!("select {id} on the page: {html}"));
    &html[i..i + html[i..].find("</select>").unwrap()]
}

balai_testkit::tiap_backend!(pratinjau_menawarkan_dusun_untuk_rt_baru);
async fn pratinjau_menawarkan_dusun_untuk_rt_baru(be: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let a = Aktor::pengguna("admin");
    s.tambah_rt(DESA, "KRAJAN", "2", "1", "", &a).await.unwrap();
    s.tambah_rt(DESA, "SIDOREJO", "3", "1", "", &a)
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let hal = format!("{url}/desa/{DESA}/impor");
    let token = csrf(&op, &hal).await;
    let html = op.get(&hal).send().await.unwrap().text().await.unwrap();
    let awal = pilihan(&html, "dusun-baru-awal");
    assert!(
        awal.contains("<option value=\"\" selected>Belum ditentukan</option>")
            && awal.contains("<option value=\"KRAJAN\">KRAJAN</option>")
            && awal.contains("<option value=\"SIDOREJO\">SIDOREJO</option>"),
        "{be}: {awal}"
    );

    // Budi lives in a registered RT; Siti's RT 004 / RW 006 is new and SIAK names no dusun.
    let berkas = siak(&[
        (
            "3325081505800001",
            "Budi",
            "15-05-1980",
            "LK",
            "KEPALA KELUARGA",
            "1",
            "2",
        ),
        (
            "3325085505850002",
            "Siti",
            "15-05-1985",
            "PR",
            "ISTRI",
            "004/006",
            "",
        ),
    ]);
    let r = op
        .post(&hal)
        .multipart(unggah(&token, "", berkas.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Pratinjau: semua 2 baris dapat diimpor — 2 penduduk baru"),
        "{be}: {html}"
    );
    assert!(
        html.contains("<td>BELUM DITENTUKAN</td><td>006</td><td>004</td>"),
        "{be}: {html}"
    );
    let p = pilihan(&html, "dusun-baru");
    assert!(
        p.contains("<option value=\"\" selected>Belum ditentukan</option>")
            && p.contains("<option value=\"SIDOREJO\">SIDOREJO</option>"),
        "{be}: {p}"
    );
    let terapkan = format!("{hal}/terapkan");

    // Another dusun, checked again: the file is kept, the list follows the choice.
    let r = op
        .post(&terapkan)
        .form(&[
            ("_csrf", token.as_str()),
            ("token", token_terapkan(&html).as_str()),
            ("dusun_baru", "SIDOREJO"),
            ("aksi", "periksa"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("<td>SIDOREJO</td><td>006</td><td>004</td>"),
        "{be}: {html}"
    );
    assert!(
        pilihan(&html, "dusun-baru")
            .contains("<option value=\"SIDOREJO\" selected>SIDOREJO</option>"),
        "{be}"
    );
    assert!(
        s.penduduk_by_nik(DESA, "3325085505850002")
            .await
            .unwrap()
            .is_none(),
        "{be}"
    );

    let r = op
        .post(&terapkan)
        .form(&[
            ("_csrf", token.as_str()),
            ("token", token_terapkan(&html).as_str()),
            ("dusun_baru", "SIDOREJO"),
            ("aksi", "terapkan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Impor selesai: 2 penduduk baru"),
        "{be}: {html}"
    );
    let siti = s
        .penduduk_by_nik(DESA, "3325085505850002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (siti.dusun.as_str(), siti.rw.as_str(), siti.rt.as_str()),
        ("SIDOREJO", "006", "004"),
        "{be}"
    );

    // A file with an error: nothing stored, and the format and dusun chosen are kept.
    let salah = siak(&[("12345", "Rudi", "15-05-1980", "LK", "ANAK", "7", "8")]);
    let r = op
        .post(&hal)
        .multipart(unggah(&token, "SIDOREJO", salah))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Tidak ada yang disimpan"), "{be}: {html}");
    assert!(
        pilihan(&html, "dusun-baru-awal")
            .contains("<option value=\"SIDOREJO\" selected>SIDOREJO</option>"),
        "{be}"
    );
    assert!(html.contains("value=\"siak\" checked"), "{be}");
    assert!(!html.contains("Terapkan impor"), "{be}");
}
