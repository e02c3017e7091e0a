//! The village profile, officials, website, aid programmes and user accounts.

use super::baca::Baris;
use super::{Impor, Jejak, LaporanTabel};
use crate::{Galat, on_tx};
use chrono::Datelike;
use std::collections::HashMap;
use uuid::Uuid;

/// The office's address and contacts from `config` (only what OpenSID has filled in).
pub(super) async fn profil(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let b = im
        .isi
        .tabel("config")
        .baris()
        .find(|b| im.config_id.is_none_or(|c| b.teks("id") == c));
    let mut lap = LaporanTabel::baru("config", "Profil desa", usize::from(b.is_some()));
    let Some(b) = b else { return Ok(lap) };
    let sidik = b.sidik();
    if matches!(im.jejak("config", "profil", &sidik), Jejak::Sama) {
        lap.tidak_berubah += 1;
        return Ok(lap);
    }
    let kades = [b.teks("nama_kepala_desa")]
        .into_iter()
        .chain(
            im.baris("tweb_desa_pamong")
                .filter(|p| p.teks("jabatan").eq_ignore_ascii_case("kepala desa"))
                .map(|p| p.teks("pamong_nama")),
        )
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    let kode_pos: String = b
        .teks("kode_pos")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    on_tx!(&mut im.w.tx, c => sqlx::query(
        "UPDATE desa SET alamat = CASE WHEN $2 = '' THEN alamat ELSE $2 END, telepon = CASE WHEN $3 = '' THEN telepon ELSE $3 END, \
         email = CASE WHEN $4 = '' THEN email ELSE $4 END, kode_pos = CASE WHEN $5 = '' THEN kode_pos ELSE $5 END, \
         kepala_desa = CASE WHEN $6 = '' THEN kepala_desa ELSE $6 END, versi = versi + 1, diubah_pada = $7 WHERE desa_id = $1")
        .bind(desa_id).bind(b.teks("alamat_kantor")).bind(b.teks("telepon")).bind(b.teks("email_desa"))
        .bind(&kode_pos).bind(&kades).bind(now).execute(&mut *c).await?.rows_affected());
    im.tandai("config", "profil", desa_id, &sidik).await?;
    lap.diimpor += 1;
    Ok(lap)
}

/// Officials go to the staff register (`perangkat`, `jabatan`), which the website's list reads:
/// active ones in office, inactive ones as ended tenures. The whole row is also kept in the
/// holding table.
pub(super) async fn pamong(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let jabatan_ref: HashMap<String, String> = im
        .baris("ref_jabatan")
        .map(|b| (b.teks("id"), b.teks("nama")))
        .collect();
    let nama_penduduk: HashMap<String, String> = im
        .baris("tweb_penduduk")
        .map(|b| (b.teks("id"), b.teks("nama")))
        .collect();
    let baris: Vec<Baris<'_>> = im.baris("tweb_desa_pamong").collect();
    let mut lap = LaporanTabel::baru("tweb_desa_pamong", "Perangkat desa", baris.len());
    let desa_id = im.w.desa_id;
    for b in &baris {
        let asal_id = b.teks("pamong_id");
        let sidik = b.sidik();
        if matches!(im.jejak("tweb_desa_pamong", &asal_id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let nama = [b.teks("pamong_nama")]
            .into_iter()
            .chain(nama_penduduk.get(&b.teks("id_pend")).cloned())
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        let jabatan = [b.teks("jabatan")]
            .into_iter()
            .chain(jabatan_ref.get(&b.teks("jabatan_id")).cloned())
            .find(|n| !n.is_empty() && n != "0")
            .unwrap_or_default();
        let aktif = b.teks("pamong_status") == "1";
        if nama.is_empty() || jabatan.is_empty() {
            lap.tolak(
                &asal_id,
                "Nama atau jabatan kosong: disimpan di tabel penampung.",
            );
            im.simpan("tweb_desa_pamong", b, &asal_id, "nama atau jabatan kosong")
                .await?;
            lap.disimpan += 1;
            continue;
        }
        let id = crate::id_alami(&["opensid", "pamong", desa_id, &asal_id]);
        let jabatan_id = crate::id_alami(&["opensid", "pamong_jabatan", desa_id, &asal_id]);
        let lembaga = if jabatan.to_uppercase().contains("BPD") {
            "bpd"
        } else {
            "pemdes"
        };
        let urut = b.angka("urut").unwrap_or(0);
        let penduduk_id = im.penduduk.get(&b.teks("id_pend")).copied();
        // "2019-2025": the term's years; kept as written in the remark.
        let masa = b.teks("pamong_masajab");
        let tahun_masa: Vec<i32> = masa
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() == 4)
            .filter_map(|t| t.parse().ok())
            .collect();
        let sk_tanggal = b.tanggal("pamong_tglsk");
        let mulai = b
            .tanggal("pamong_tglsk")
            .or_else(|| b.tanggal("pamong_tgl_terdaftar"))
            .or_else(|| {
                tahun_masa
                    .first()
                    .and_then(|t| chrono::NaiveDate::from_ymd_opt(*t, 1, 1))
            });
        // An inactive official's tenure ends: on the dismissal date OpenSID has, else at the
        // term's last year, else on the day of the import.
        let (selesai, henti) = if aktif {
            (None, None)
        } else {
            let akhir = tahun_masa
                .get(1)
                .and_then(|t| chrono::NaiveDate::from_ymd_opt(*t, 12, 31))
                .filter(|a| mulai.is_none_or(|m| *a >= m));
            let henti = b.tanggal("pamong_tglhenti").or(if akhir.is_none() {
                Some(im.hari_ini)
            } else {
                None
            });
            (akhir, henti)
        };
        let keterangan = if masa.is_empty() {
            String::new()
        } else {
            format!("Masa jabatan (OpenSID): {masa}")
        };
        let now = im.w.now;
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO perangkat (desa_id, id, nama, penduduk_id, nip, niap, pangkat, pendidikan, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (desa_id, id) DO UPDATE SET nama = excluded.nama, \
             penduduk_id = excluded.penduduk_id, nip = excluded.nip, niap = excluded.niap, pangkat = excluded.pangkat, \
             pendidikan = excluded.pendidikan, versi = perangkat.versi + 1, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(id).bind(&nama).bind(penduduk_id).bind(b.teks("pamong_nip")).bind(b.teks("pamong_niap"))
            .bind(b.teks("pamong_pangkat")).bind(b.teks("pamong_pendidikan")).bind(now)
            .execute(&mut *c).await?.rows_affected());
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO jabatan (desa_id, id, perangkat_id, lembaga, jabatan, urut, sk_nomor, sk_tanggal, mulai, selesai, \
             henti_nomor, henti_tanggal, keterangan, dicatat_oleh, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'impor:opensid', $14, $14) \
             ON CONFLICT (desa_id, id) DO UPDATE SET lembaga = excluded.lembaga, jabatan = excluded.jabatan, urut = excluded.urut, \
             sk_nomor = excluded.sk_nomor, sk_tanggal = excluded.sk_tanggal, mulai = excluded.mulai, selesai = excluded.selesai, \
             henti_nomor = excluded.henti_nomor, henti_tanggal = excluded.henti_tanggal, keterangan = excluded.keterangan, \
             versi = jabatan.versi + 1, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(jabatan_id).bind(id).bind(lembaga).bind(&jabatan).bind(urut)
            .bind(b.teks("pamong_nosk")).bind(sk_tanggal).bind(mulai).bind(selesai)
            .bind(b.teks("pamong_nohenti")).bind(henti).bind(&keterangan).bind(now)
            .execute(&mut *c).await?.rows_affected());
        // The whole row (NIP, NIAP, SK, term, photo) stays available for the staff register.
        let catatan = if aktif {
            "data lengkap perangkat (NIP, SK, masa jabatan); nama dan jabatan tampil di situs"
        } else {
            "perangkat tidak aktif (riwayat jabatan)"
        };
        im.simpan(
            "tweb_desa_pamong",
            b,
            &format!("{asal_id}:lengkap"),
            catatan,
        )
        .await?;
        im.tandai("tweb_desa_pamong", &asal_id, &id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    Ok(lap)
}

/// Articles, static pages and agenda (`artikel` with `kategori`, `agenda`), and the gallery.
pub(super) async fn situs(im: &mut Impor<'_, '_>) -> Result<Vec<LaporanTabel>, Galat> {
    let kategori: HashMap<String, String> = im
        .baris("kategori")
        .map(|b| (b.teks("id"), b.teks("kategori")))
        .collect();
    let mut lap_kat = LaporanTabel::baru("kategori", "Kategori artikel", kategori.len());
    lap_kat.diimpor = kategori.len();
    let agenda: HashMap<String, (String, String)> = im
        .baris("agenda")
        .map(|b| {
            (
                b.teks("id_artikel"),
                (b.teks("tgl_agenda"), b.teks("lokasi_kegiatan")),
            )
        })
        .collect();
    let baris: Vec<Baris<'_>> = im.baris("artikel").collect();
    let mut lap = LaporanTabel::baru("artikel", "Artikel, halaman dan agenda", baris.len());
    let mut lap_agenda = LaporanTabel::baru("agenda", "Agenda kegiatan", agenda.len());
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    for b in &baris {
        let asal_id = b.teks("id");
        let sidik = b.sidik();
        if matches!(im.jejak("artikel", &asal_id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let id_kat = b.teks("id_kategori");
        let (jenis, nama_kat) = match id_kat.as_str() {
            "999" => ("halaman", String::new()),
            "1000" => ("agenda", String::new()),
            _ => ("berita", kategori.get(&id_kat).cloned().unwrap_or_default()),
        };
        let judul = b.teks("judul");
        if judul.is_empty() {
            lap.tolak(&asal_id, "Judul kosong: disimpan di tabel penampung.");
            im.simpan("artikel", b, &asal_id, "judul kosong").await?;
            lap.disimpan += 1;
            continue;
        }
        let isi = crate::situs::artikel::bersihkan_html(&b.teks("isi"));
        let terbit = b.teks("enabled") == "1";
        let waktu = b.waktu("tgl_upload").map(|w| w.and_utc()).unwrap_or(now);
        let (waktu_acara, tempat) = match agenda.get(&asal_id) {
            Some((t, l)) => {
                lap_agenda.diimpor += 1;
                (
                    super::baca::tanggal(t)
                        .and(chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").ok())
                        .map(|w| w.and_utc()),
                    l.clone(),
                )
            }
            None => (None, String::new()),
        };
        let jenis = if jenis == "agenda" && waktu_acara.is_none() {
            "berita"
        } else {
            jenis
        };
        let id = crate::id_alami(&["opensid", "artikel", desa_id, &asal_id]);
        let slug = slug_bebas(im, &b.teks("slug"), &judul, &asal_id, id).await?;
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO artikel (desa_id, id, jenis, kategori, judul, slug, isi_html, waktu_acara, tempat, status, terbit_pada, penulis, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'opensid', $12, $13) \
             ON CONFLICT (desa_id, id) DO UPDATE SET jenis = excluded.jenis, kategori = excluded.kategori, judul = excluded.judul, \
             isi_html = excluded.isi_html, waktu_acara = excluded.waktu_acara, tempat = excluded.tempat, \
             status = excluded.status, terbit_pada = excluded.terbit_pada, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(id).bind(jenis).bind(&nama_kat).bind(&judul).bind(&slug).bind(&isi)
            .bind(waktu_acara).bind(&tempat).bind(if terbit { "terbit" } else { "draf" }).bind(terbit.then_some(waktu))
            .bind(waktu).bind(now).execute(&mut *c).await?.rows_affected());
        let nama_gambar = b.teks("gambar");
        if !nama_gambar.is_empty() {
            match gambar_dari_folder(im, "artikel", &nama_gambar, &judul, false).await? {
                Some(token) => {
                    on_tx!(&mut im.w.tx, c => sqlx::query("UPDATE artikel SET gambar = $3 WHERE desa_id = $1 AND id = $2")
                        .bind(desa_id).bind(id).bind(&token).execute(&mut *c).await?.rows_affected());
                }
                None => lap.peringatan(
                    &asal_id,
                    format!("Gambar artikel \"{nama_gambar}\" tidak ditemukan di folder desa/upload/artikel (atau folder tidak diberikan): unggah ulang gambarnya pada artikel ini."),
                ),
            }
        }
        im.tandai("artikel", &asal_id, &id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    // Gallery photos are files in OpenSID's desa/upload/galeri folder: brought over when the
    // folder is given, else the rows are kept so the photos can be brought over later.
    let galeri: Vec<Baris<'_>> = im.baris("gambar_gallery").collect();
    let album: HashMap<String, String> = galeri
        .iter()
        .filter(|b| b.teks("parrent") == "0")
        .map(|b| (b.teks("id"), b.teks("nama")))
        .collect();
    let mut lap_galeri = LaporanTabel::baru("gambar_gallery", "Galeri foto", galeri.len());
    for b in &galeri {
        let asal_id = b.teks("id");
        let sidik = b.sidik();
        if matches!(im.jejak("gambar_gallery", &asal_id, &sidik), Jejak::Sama) {
            lap_galeri.tidak_berubah += 1;
            continue;
        }
        let keterangan = match album.get(&b.teks("parrent")) {
            Some(a) if !a.is_empty() => format!("{a}: {}", b.teks("nama")),
            _ => b.teks("nama"),
        };
        let berkas = b.teks("gambar");
        let token = if berkas.is_empty() {
            None
        } else {
            gambar_dari_folder(im, "galeri", &berkas, &keterangan, true).await?
        };
        match token {
            Some(t) => {
                im.tandai("gambar_gallery", &asal_id, &t, &sidik).await?;
                lap_galeri.diimpor += 1;
            }
            None => {
                im.simpan("gambar_gallery", b, &asal_id, "foto galeri: berkasnya tidak ada di folder desa/upload/galeri yang diberikan; unggah ulang di menu Situs > Galeri")
                    .await?;
                lap_galeri.disimpan += 1;
            }
        }
    }
    Ok(vec![lap_kat, lap, lap_agenda, lap_galeri])
}

/// An image from OpenSID's `desa/upload/<folder>/` (it keeps sized copies with a prefix),
/// re-encoded like any upload and stored for the site; `None` when there is no folder, no file
/// or no valid image. The token is fixed per file, so a repeated import stores it once.
async fn gambar_dari_folder(
    im: &mut Impor<'_, '_>,
    folder: &str,
    nama: &str,
    keterangan: &str,
    galeri: bool,
) -> Result<Option<String>, Galat> {
    let Some(dasar) = im.opsi.berkas.clone() else {
        return Ok(None);
    };
    let Some(nama) = std::path::Path::new(nama).file_name() else {
        return Ok(None);
    };
    let nama = nama.to_string_lossy();
    let isi = ["sedang_", "", "kecil_"]
        .iter()
        .map(|awalan| {
            dasar
                .join("upload")
                .join(folder)
                .join(format!("{awalan}{nama}"))
        })
        .find_map(|p| {
            std::fs::read(p)
                .ok()
                .filter(|b| crate::berkas::periksa_dokumen(b).is_ok())
        });
    let Some(isi) = isi else { return Ok(None) };
    let Ok((jpeg, lebar, tinggi)) = crate::situs::gambar::olah_gambar_antre(isi, "berkas").await
    else {
        return Ok(None);
    };
    let desa_id = im.w.desa_id;
    let token: String = crate::id_alami(&["opensid", "gambar", desa_id, folder, &nama])
        .simple()
        .to_string()[..22]
        .to_string();
    let now = im.w.now;
    let keterangan: String = keterangan.chars().take(300).collect();
    on_tx!(&mut im.w.tx, c => sqlx::query(
        "INSERT INTO situs_gambar (desa_id, token, mime, lebar, tinggi, isi, keterangan, galeri, dibuat_oleh, dibuat_pada) \
         VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6, $7, 'opensid', $8) ON CONFLICT (desa_id, token) DO NOTHING")
        .bind(desa_id).bind(&token).bind(lebar as i64).bind(tinggi as i64).bind(&jpeg).bind(&keterangan)
        .bind(galeri).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(Some(token))
}

/// OpenSID's slug when it is free in the village, else one with the OpenSID id added.
async fn slug_bebas(
    im: &mut Impor<'_, '_>,
    slug: &str,
    judul: &str,
    asal_id: &str,
    id: Uuid,
) -> Result<String, Galat> {
    let dasar = crate::situs::slug_dari(if slug.is_empty() { judul } else { slug });
    let dasar = if dasar.is_empty() {
        format!("artikel-{asal_id}")
    } else {
        dasar
    };
    let desa_id = im.w.desa_id;
    let pemilik: Option<Uuid> = on_tx!(&mut im.w.tx, c => sqlx::query_scalar(
        "SELECT id FROM artikel WHERE desa_id = $1 AND slug = $2")
        .bind(desa_id).bind(&dasar).fetch_optional(&mut *c).await?);
    Ok(match pemilik {
        None => dasar,
        Some(p) if p == id => dasar,
        Some(_) => format!("{dasar}-{asal_id}"),
    })
}

/// Aid programmes and their participants.
pub(super) async fn bantuan(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let program: Vec<Baris<'_>> = im.baris("program").collect();
    let peserta: Vec<Baris<'_>> = im.baris("program_peserta").collect();
    let mut lap = LaporanTabel::baru(
        "program",
        "Program bantuan dan pesertanya",
        program.len() + peserta.len(),
    );
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    let mut peta: HashMap<String, (Uuid, i64)> = HashMap::new();
    for b in &program {
        let asal_id = b.teks("id");
        let sasaran = match b.angka("sasaran") {
            Some(1) => "penduduk",
            Some(2) => "keluarga",
            Some(3) => "rumah_tangga",
            _ => {
                lap.tolak(&asal_id, format!("Program \"{}\" bersasaran kelompok: Balai belum mencatat bantuan kelompok; disimpan di tabel penampung.", b.teks("nama")));
                im.simpan("program", b, &asal_id, "sasaran kelompok")
                    .await?;
                lap.disimpan += 1;
                continue;
            }
        };
        let mulai = b.tanggal("sdate").unwrap_or(im.hari_ini);
        let selesai = b.tanggal("edate").unwrap_or(mulai).max(mulai);
        let id = crate::id_alami(&["opensid", "program", desa_id, &asal_id]);
        let sasaran_kode = b.angka("sasaran").unwrap_or(1);
        peta.insert(asal_id.clone(), (id, sasaran_kode));
        let sidik = b.sidik();
        if matches!(im.jejak("program", &asal_id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let kode = format!("OPENSID-{asal_id}");
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO program_bantuan (desa_id, id, kode, nama, sasaran, tahun, mulai, selesai, asal_dana, keterangan, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
             ON CONFLICT (desa_id, id) DO UPDATE SET nama = excluded.nama, sasaran = excluded.sasaran, tahun = excluded.tahun, mulai = excluded.mulai, \
             selesai = excluded.selesai, asal_dana = excluded.asal_dana, keterangan = excluded.keterangan, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(id).bind(&kode).bind(b.teks("nama")).bind(sasaran).bind(mulai.year() as i64).bind(mulai).bind(selesai)
            .bind(b.teks("asaldana")).bind(b.teks("ndesc")).bind(now).execute(&mut *c).await?.rows_affected());
        im.tandai("program", &asal_id, &id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    for b in &peserta {
        let asal_id = format!("peserta:{}", b.teks("id"));
        let Some(&(program_id, sasaran)) = peta.get(&b.teks("program_id")) else {
            continue;
        };
        let sidik = b.sidik();
        if matches!(im.jejak("program_peserta", &asal_id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let kunci = b.teks("peserta");
        let orang: Option<(Uuid, Option<Uuid>)> = match sasaran {
            1 => on_tx!(&mut im.w.tx, c => sqlx::query_as(
                "SELECT id, keluarga_id FROM penduduk WHERE desa_id = $1 AND nik = $2")
                .bind(desa_id).bind(&kunci).fetch_optional(&mut *c).await?),
            2 => on_tx!(&mut im.w.tx, c => sqlx::query_as(
                "SELECT kepala_id, id FROM keluarga WHERE desa_id = $1 AND no_kk = $2 AND kepala_id IS NOT NULL")
                .bind(desa_id).bind(&kunci).fetch_optional(&mut *c).await?),
            _ => on_tx!(&mut im.w.tx, c => sqlx::query_as(
                "SELECT r.kepala_id, p.keluarga_id FROM rumah_tangga r JOIN penduduk p ON p.desa_id = r.desa_id AND p.id = r.kepala_id \
                 WHERE r.desa_id = $1 AND r.nomor = $2")
                .bind(desa_id).bind(&kunci).fetch_optional(&mut *c).await?),
        };
        let Some((penduduk_id, keluarga_id)) = orang else {
            let pesan = format!(
                "Peserta \"{kunci}\" tidak ditemukan di data penduduk/keluarga yang diimpor: disimpan di tabel penampung."
            );
            lap.tolak(&asal_id, &pesan);
            im.simpan("program_peserta", b, &asal_id, &pesan).await?;
            lap.disimpan += 1;
            continue;
        };
        let id = crate::id_alami(&["opensid", "peserta", desa_id, &asal_id]);
        let dasar = match b.teks("no_id_kartu") {
            k if k.is_empty() => "Impor OpenSID".to_string(),
            k => format!("Impor OpenSID, nomor kartu {k}"),
        };
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO penerima_bantuan (desa_id, id, program_id, penduduk_id, keluarga_id, dasar, dicatat_oleh, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, 'opensid', $7, $7) ON CONFLICT (desa_id, program_id, penduduk_id) DO NOTHING")
            .bind(desa_id).bind(id).bind(program_id).bind(penduduk_id).bind(keluarga_id).bind(&dasar).bind(now)
            .execute(&mut *c).await?.rows_affected());
        im.tandai("program_peserta", &asal_id, &id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    Ok(lap)
}

/// OpenSID accounts become disabled Balai accounts that must set a new password: OpenSID's
/// password hashes are not carried over.
pub(super) async fn pengguna(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let grup: HashMap<String, String> = im
        .baris("user_grup")
        .map(|b| (b.teks("id"), b.teks("nama").to_lowercase()))
        .collect();
    let baris: Vec<Baris<'_>> = im.baris("user").collect();
    let mut lap = LaporanTabel::baru("user", "Akun pengguna (dinonaktifkan)", baris.len());
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    for b in &baris {
        let asal_id = b.teks("id");
        let sidik = b.sidik();
        if matches!(im.jejak("user", &asal_id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let nama_grup = grup.get(&b.teks("id_grup")).cloned().unwrap_or_else(|| {
            match b.teks("id_grup").as_str() {
                "1" => "administrator",
                "2" => "operator",
                "3" => "redaksi",
                "4" => "kontributor",
                _ => "",
            }
            .to_string()
        });
        let peran = if nama_grup.contains("admin") {
            "admin"
        } else {
            "operator"
        };
        if !nama_grup.contains("admin") && !nama_grup.contains("operator") {
            lap.peringatan(&asal_id, format!("Grup \"{nama_grup}\" tidak ada di Balai: akun dijadikan operator (tetap nonaktif sampai diaktifkan admin)."));
        }
        let id = crate::id_alami(&["opensid", "user", desa_id, &asal_id]);
        let asli: String = b
            .teks("username")
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
            .collect();
        let asli = if asli.is_empty() {
            format!("opensid{asal_id}")
        } else {
            asli
        };
        let pemilik: Option<Uuid> = on_tx!(&mut im.w.tx, c => sqlx::query_scalar("SELECT id FROM pengguna WHERE username = $1")
            .bind(&asli).fetch_optional(&mut *c).await?);
        let username = match pemilik {
            Some(p) if p != id => {
                let u = format!("{asli}.{}", &desa_id[6..]);
                lap.peringatan(
                    &asal_id,
                    format!("Nama pengguna \"{asli}\" sudah dipakai di Balai: menjadi \"{u}\"."),
                );
                u
            }
            _ => asli,
        };
        let nama = match b.teks("nama") {
            n if n.is_empty() => username.clone(),
            n => n,
        };
        // "!" is no argon2 hash: no password opens the account until an admin sets one.
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO pengguna (id, username, nama, kata_sandi, peran, desa_id, cakupan, aktif, wajib_ganti_sandi, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, '!', $4, $5, '', FALSE, TRUE, $6, $6) \
             ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, diubah_pada = excluded.diubah_pada")
            .bind(id).bind(&username).bind(&nama).bind(peran).bind(desa_id).bind(now).execute(&mut *c).await?.rows_affected());
        im.tandai("user", &asal_id, &id.to_string(), &sidik).await?;
        lap.diimpor += 1;
    }
    Ok(lap)
}
