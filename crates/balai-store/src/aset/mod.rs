//! The village's assets: the inventory in the KIB categories A–F (with each item's condition
//! over time, photos and disposal) and, in `tanah`, the land registers. Book A.3 (Buku
//! Inventaris dan Kekayaan Desa) is built here, A.5 and A.6 in `tanah`.
//!
//! Nothing is deleted: a disposed item keeps its row with the reason and date, a condition
//! found later is added to the item's history, so the book of any past year can be printed
//! again as it was.

pub mod tanah;

use crate::audit::{Catatan, catat};
use crate::buku::{Buku, Kekurangan, Periode, kosong, tgl};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
pub use balai_domain::aset::{
    ALASAN_HAPUS, ASAL, IsianBarang, IsianHapus, KIB, KONDISI, label_alasan_hapus, label_asal,
    label_kib, label_kondisi,
};
use balai_domain::aset::{BarangTerbaca, baca_barang, label, periksa_hapus, periksa_kondisi};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

pub struct Aset<'a> {
    s: &'a Store,
}

impl Store {
    pub fn aset(&self) -> Aset<'_> {
        Aset { s: self }
    }
}

/// Largest photo accepted.
pub const FOTO_MAKS: usize = 5 * 1024 * 1024;
/// Photos per item.
pub const FOTO_PER_BARANG: i64 = 10;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Barang {
    pub id: Uuid,
    pub kib: String,
    pub nama: String,
    pub kode_barang: String,
    pub nomor_register: String,
    pub jumlah: i64,
    pub satuan: String,
    pub tanggal_peroleh: NaiveDate,
    /// Rupiah.
    pub nilai: i64,
    pub asal: String,
    /// The APBDes payment (cash book entry) it was bought with.
    pub kas_id: Option<Uuid>,
    pub kondisi: String,
    pub lokasi: String,
    pub keterangan: String,
    /// rusak, dijual or disumbangkan once disposed; empty while in the inventory.
    pub hapus_alasan: String,
    pub hapus_tanggal: Option<NaiveDate>,
    pub hapus_catatan: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl Barang {
    pub fn dihapus(&self) -> bool {
        !self.hapus_alasan.is_empty()
    }
    pub fn label_kib(&self) -> &'static str {
        label_kib(&self.kib)
    }
    pub fn label_asal(&self) -> &'static str {
        label_asal(&self.asal)
    }
    pub fn label_kondisi(&self) -> &'static str {
        label_kondisi(&self.kondisi)
    }
    pub fn label_hapus(&self) -> &'static str {
        label_alasan_hapus(&self.hapus_alasan)
    }
}

const KOLOM: &str = "id, kib, nama, kode_barang, nomor_register, jumlah, satuan, tanggal_peroleh, nilai, asal, kas_id, \
     kondisi, lokasi, keterangan, hapus_alasan, hapus_tanggal, hapus_catatan, dicatat_oleh, versi, dibuat_pada, diubah_pada";

/// One condition found on a date.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct KondisiBarang {
    pub id: Uuid,
    pub inventaris_id: Uuid,
    pub tanggal: NaiveDate,
    pub kondisi: String,
    pub catatan: String,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
}

impl KondisiBarang {
    pub fn label_kondisi(&self) -> &'static str {
        label_kondisi(&self.kondisi)
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FotoBarang {
    pub id: Uuid,
    pub nama: String,
    pub mime: String,
    pub ukuran: i64,
    pub diunggah_oleh: String,
    pub diunggah_pada: DateTime<Utc>,
}

fn konflik(b: &Barang) -> Galat {
    Galat::Konflik(format!(
        "Data barang {} sudah diubah orang lain sejak dibuka. Muat ulang halaman, periksa, lalu simpan lagi.",
        b.nama
    ))
}

impl Aset<'_> {
    pub(crate) async fn hari_ini(&self, desa_id: &str) -> Result<NaiveDate, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        Ok(self.s.hari_ini(desa.zona()))
    }

    /// Items of one KIB (or all with ""), by KIB and name; disposed ones too when `semua`.
    pub async fn daftar_barang(
        &self,
        desa_id: &str,
        kib: &str,
        semua: bool,
    ) -> Result<Vec<Barang>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM inventaris WHERE desa_id = $1 AND ($2 = '' OR kib = $2) \
             AND ($3 OR hapus_alasan = '') ORDER BY kib, nama, nomor_register LIMIT 10000"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(kib.trim()).bind(semua).fetch_all(p).await)?,
        )
    }

    pub async fn barang(&self, desa_id: &str, id: Uuid) -> Result<Option<Barang>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM inventaris WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// An item's conditions, oldest first.
    pub async fn riwayat_kondisi(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Vec<KondisiBarang>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, inventaris_id, tanggal, kondisi, catatan, dicatat_oleh, dicatat_pada FROM inventaris_kondisi \
             WHERE desa_id = $1 AND inventaris_id = $2 ORDER BY tanggal, dicatat_pada")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// APBDes payments of a year an item can be linked to: (id, date, description, amount).
    pub async fn pembayaran(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Vec<(Uuid, NaiveDate, String, i64)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, tanggal, uraian, keluar FROM kas WHERE desa_id = $1 AND tahun = $2 AND jenis = 'bayar' \
             ORDER BY tanggal, nomor LIMIT 2000")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?)
    }

    /// Records an item, or changes one (with the `versi` read). Refused per field: an unknown
    /// KIB, source or condition, no name, a quantity below 1, a value that is not whole
    /// rupiah, a missing or future acquisition date, a payment link on an item not bought by
    /// the village or to something that is not an APBDes payment, a disposed item.
    pub async fn simpan_barang(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        isi: &IsianBarang,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let lama = match id {
            Some(id) => Some(
                self.barang(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        let (
            BarangTerbaca {
                kib,
                nama,
                kode_barang,
                nomor_register: register,
                jumlah,
                satuan,
                tanggal,
                nilai,
                asal,
                kondisi: kondisi_baru,
                lokasi,
                keterangan: ket,
            },
            mut g,
        ) = baca_barang(isi, hari_ini, lama.is_none());
        let kondisi = match &lama {
            Some(l) => Some(l.kondisi.as_str()),
            None => kondisi_baru,
        };
        let kas_id = match isi.kas_id.trim() {
            "" => None,
            s => match s.parse::<Uuid>() {
                Err(_) => {
                    g.push("kas_id", "Pilih pembayaran APBDes dari daftar.");
                    None
                }
                Ok(k) => {
                    let jenis: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
                        "SELECT jenis FROM kas WHERE desa_id = $1 AND id = $2")
                        .bind(desa_id).bind(k).fetch_optional(p).await)?;
                    if jenis.as_deref() != Some("bayar") {
                        g.push(
                            "kas_id",
                            "Pembayaran itu tidak ada di buku kas desa ini. Pilih pembayaran APBDes dari daftar.",
                        );
                    } else if asal.is_some_and(|a| a != "dibeli") {
                        g.push(
                            "kas_id",
                            "Hanya barang yang dibeli sendiri yang dikaitkan dengan pembayaran APBDes; kosongkan pilihan pembayaran untuk barang bantuan atau sumbangan.",
                        );
                    }
                    Some(k)
                }
            },
        };
        // An item code with a register number names one item (Permendagri 1/2016, KIB).
        if !kode_barang.is_empty() && !register.is_empty() {
            let kembar: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT nama FROM inventaris WHERE desa_id = $1 AND kode_barang = $2 AND nomor_register = $3 \
                 AND id <> $4 LIMIT 1")
                .bind(desa_id).bind(&kode_barang).bind(&register)
                .bind(lama.as_ref().map(|l| l.id).unwrap_or_default())
                .fetch_optional(p).await)?;
            if let Some(lain) = kembar {
                g.push(
                    "nomor_register",
                    format!(
                        "Kode barang {kode_barang} dengan nomor register {register} sudah dipakai untuk \"{lain}\". Satu nomor register untuk satu barang; pakai nomor register berikutnya."
                    ),
                );
            }
        }
        if let Some(l) = &lama
            && l.dihapus()
        {
            g.push(
                "nama",
                format!(
                    "{} sudah dihapus dari inventaris ({}); datanya tidak diubah lagi.",
                    l.nama,
                    l.label_hapus().to_lowercase()
                ),
            );
        }
        g.into_result(())?;
        let (Some(kib), Some(jumlah), Some(tanggal), Some(nilai), Some(asal), Some(kondisi)) =
            (kib, jumlah, tanggal, nilai, asal, kondisi)
        else {
            return Err(Galat::isian("nama", "Isian belum lengkap."));
        };
        let kondisi = kondisi.to_string();
        let now = self.s.sekarang();
        let sesudah = json!({
            "kib": kib, "nama": nama, "kode_barang": kode_barang, "nomor_register": register, "jumlah": jumlah,
            "satuan": satuan, "tanggal_peroleh": tanggal, "nilai": nilai, "asal": asal, "kas_id": kas_id,
            "lokasi": lokasi, "keterangan": ket,
        });
        let mut tx = self.s.db.begin().await?;
        let id = match lama {
            None => {
                let id = id_baru();
                on_tx!(&mut tx, c => {
                    sqlx::query(
                        "INSERT INTO inventaris (desa_id, id, kib, nama, kode_barang, nomor_register, jumlah, satuan, \
                         tanggal_peroleh, nilai, asal, kas_id, kondisi, lokasi, keterangan, dicatat_oleh, dibuat_pada, diubah_pada) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)")
                        .bind(desa_id).bind(id).bind(kib).bind(&nama).bind(&kode_barang).bind(&register).bind(jumlah)
                        .bind(&satuan).bind(tanggal).bind(nilai).bind(asal).bind(kas_id).bind(&kondisi).bind(&lokasi)
                        .bind(&ket).bind(&aktor.0).bind(now)
                        .execute(&mut *c).await?;
                    sqlx::query(
                        "INSERT INTO inventaris_kondisi (desa_id, id, inventaris_id, tanggal, kondisi, catatan, dicatat_oleh, dicatat_pada) \
                         VALUES ($1, $2, $3, $4, $5, 'Kondisi saat diperoleh', $6, $7)")
                        .bind(desa_id).bind(id_baru()).bind(id).bind(tanggal).bind(&kondisi).bind(&aktor.0).bind(now)
                        .execute(&mut *c).await?;
                });
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "catat",
                        objek: "inventaris",
                        objek_id: id.to_string(),
                        sebelum: None,
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                id
            }
            Some(l) => {
                if isi.versi != Some(l.versi) {
                    return Err(konflik(&l));
                }
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE inventaris SET kib = $4, nama = $5, kode_barang = $6, nomor_register = $7, jumlah = $8, satuan = $9, \
                     tanggal_peroleh = $10, nilai = $11, asal = $12, kas_id = $13, lokasi = $14, keterangan = $15, dicatat_oleh = $16, \
                     versi = versi + 1, diubah_pada = $17 WHERE desa_id = $1 AND id = $2 AND versi = $3")
                    .bind(desa_id).bind(l.id).bind(l.versi).bind(kib).bind(&nama).bind(&kode_barang).bind(&register)
                    .bind(jumlah).bind(&satuan).bind(tanggal).bind(nilai).bind(asal).bind(kas_id).bind(&lokasi).bind(&ket)
                    .bind(&aktor.0).bind(now)
                    .execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(konflik(&l));
                }
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "ubah",
                        objek: "inventaris",
                        objek_id: l.id.to_string(),
                        sebelum: Some(json!({
                            "kib": l.kib, "nama": l.nama, "kode_barang": l.kode_barang, "nomor_register": l.nomor_register,
                            "jumlah": l.jumlah, "satuan": l.satuan, "tanggal_peroleh": l.tanggal_peroleh, "nilai": l.nilai,
                            "asal": l.asal, "kas_id": l.kas_id, "lokasi": l.lokasi, "keterangan": l.keterangan,
                        })),
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                l.id
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Records the condition an item was found in on a date (on or after its acquisition, not
    /// after today, not after its disposal).
    pub async fn catat_kondisi(
        &self,
        desa_id: &str,
        id: Uuid,
        kondisi: &str,
        tanggal: &str,
        catatan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let b = self
            .barang(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let (k, t, catatan) = periksa_kondisi(
            kondisi,
            tanggal,
            catatan,
            hari_ini,
            b.tanggal_peroleh,
            b.dihapus().then_some(b.nama.as_str()),
        )?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query(
                "INSERT INTO inventaris_kondisi (desa_id, id, inventaris_id, tanggal, kondisi, catatan, dicatat_oleh, dicatat_pada) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(desa_id).bind(id_baru()).bind(id).bind(t).bind(k).bind(&catatan).bind(&aktor.0).bind(now)
                .execute(&mut *c).await?;
            // The item's condition is the latest found.
            sqlx::query(
                "UPDATE inventaris SET kondisi = (SELECT kondisi FROM inventaris_kondisi WHERE desa_id = $1 AND inventaris_id = $2 \
                 ORDER BY tanggal DESC, dicatat_pada DESC LIMIT 1), versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).bind(now)
                .execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "kondisi",
                objek: "inventaris",
                objek_id: id.to_string(),
                sebelum: Some(json!({"kondisi": b.kondisi})),
                sesudah: Some(json!({"kondisi": k, "tanggal": t, "catatan": catatan})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disposes of an item (rusak, dijual, disumbangkan) on a date. The row stays, marked.
    pub async fn hapuskan(
        &self,
        desa_id: &str,
        id: Uuid,
        isi: &IsianHapus,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let b = self
            .barang(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if b.dihapus() {
            return Err(Galat::Ditolak(format!(
                "{} sudah dihapus dari inventaris pada {} ({}).",
                b.nama,
                b.hapus_tanggal.map(tgl).unwrap_or_default(),
                b.label_hapus().to_lowercase()
            )));
        }
        let (a, t, catatan) = periksa_hapus(isi, hari_ini, b.tanggal_peroleh)?;
        if isi.versi.is_some_and(|v| v != b.versi) {
            return Err(konflik(&b));
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE inventaris SET hapus_alasan = $4, hapus_tanggal = $5, hapus_catatan = $6, dicatat_oleh = $7, \
             versi = versi + 1, diubah_pada = $8 WHERE desa_id = $1 AND id = $2 AND versi = $3 AND hapus_alasan = ''")
            .bind(desa_id).bind(id).bind(b.versi).bind(a).bind(t).bind(&catatan).bind(&aktor.0).bind(now)
            .execute(&mut *c).await?.rows_affected());
        if n != 1 {
            return Err(konflik(&b));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapuskan",
                objek: "inventaris",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"alasan": a, "tanggal": t, "catatan": catatan, "nama": b.nama}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a photo of an item (JPEG or PNG, read from its first bytes).
    pub async fn unggah_foto(
        &self,
        desa_id: &str,
        id: Uuid,
        nama: &str,
        isi: &[u8],
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let b = self
            .barang(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if isi.is_empty() {
            return Err(Galat::isian("foto", "Berkas foto kosong."));
        }
        if isi.len() > FOTO_MAKS {
            return Err(Galat::isian(
                "foto",
                format!(
                    "Foto {:.1} MB; paling besar {} MB. Kecilkan resolusinya lalu unggah lagi.",
                    isi.len() as f64 / 1_048_576.0,
                    FOTO_MAKS / 1_048_576
                ),
            ));
        }
        if !matches!(
            crate::berkas::jenis_berkas(isi),
            Some("image/jpeg" | "image/png")
        ) {
            return Err(Galat::isian(
                "foto",
                "Foto harus berkas JPEG atau PNG; isi berkas yang dikirim bukan foto JPEG/PNG.",
            ));
        }
        let ada: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM inventaris_foto WHERE desa_id = $1 AND inventaris_id = $2")
            .bind(desa_id).bind(id).fetch_one(p).await)?;
        if ada >= FOTO_PER_BARANG {
            return Err(Galat::isian(
                "foto",
                format!("Satu barang paling banyak {FOTO_PER_BARANG} foto."),
            ));
        }
        // Pixels only: the phone's GPS position and camera data in the file are not kept.
        let (jpeg, _, _) = crate::situs::gambar::olah_gambar_antre(isi.to_vec(), "foto").await?;
        let (isi, mime) = (&jpeg[..], "image/jpeg");
        let fid = id_baru();
        let nama = crate::berkas::nama_aman(nama);
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO inventaris_foto (desa_id, id, inventaris_id, nama, mime, ukuran, isi, diunggah_oleh, diunggah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(desa_id).bind(fid).bind(id).bind(&nama).bind(mime).bind(isi.len() as i64).bind(isi)
            .bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "foto",
                objek: "inventaris",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"foto": fid, "nama": nama, "ukuran": isi.len(), "barang": b.nama}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(fid)
    }

    pub async fn daftar_foto(&self, desa_id: &str, id: Uuid) -> Result<Vec<FotoBarang>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, nama, mime, ukuran, diunggah_oleh, diunggah_pada FROM inventaris_foto \
             WHERE desa_id = $1 AND inventaris_id = $2 ORDER BY diunggah_pada")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// A photo's bytes and type.
    pub async fn foto(
        &self,
        desa_id: &str,
        id: Uuid,
        foto: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT isi, mime FROM inventaris_foto WHERE desa_id = $1 AND inventaris_id = $2 AND id = $3")
            .bind(desa_id).bind(id).bind(foto).fetch_optional(p).await)?)
    }

    /// Book A.3, Buku Inventaris dan Kekayaan Desa, for the period: every item held at some
    /// point of it, the quantity under its source, under its condition at the start (items
    /// held before the period) and at the end (items not disposed by then), and under the
    /// reason of a disposal within the period.
    pub async fn buku_a3(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.3", "");
        let barang = self.daftar_barang(desa_id, "", true).await?;
        let kondisi: Vec<(Uuid, NaiveDate, String)> = on_db!(&self.s.db, c => sqlx::query_as(
            "SELECT inventaris_id, tanggal, kondisi FROM inventaris_kondisi WHERE desa_id = $1 AND tanggal <= $2 \
             ORDER BY inventaris_id, tanggal, dicatat_pada")
            .bind(desa_id).bind(p.sampai).fetch_all(c).await)?;
        // The condition on a day: the latest found on or before it.
        let pada = |id: Uuid, hari: NaiveDate| {
            kondisi
                .iter()
                .rev()
                .find(|(i, t, _)| *i == id && *t <= hari)
                .map(|(_, _, k)| k.as_str())
        };
        let sel = |ya: bool, n: i64| if ya { n.to_string() } else { "—".into() };
        for x in &barang {
            if x.tanggal_peroleh > p.sampai || x.hapus_tanggal.is_some_and(|t| t < p.dari) {
                continue;
            }
            let n = x.jumlah;
            let awal = (x.tanggal_peroleh < p.dari)
                .then(|| p.dari.pred_opt().and_then(|h| pada(x.id, h)))
                .flatten();
            let hapus = x.hapus_tanggal.filter(|t| p.berisi(*t));
            let akhir = if hapus.is_some() {
                None
            } else {
                pada(x.id, p.sampai)
            };
            let alasan = |a: &str| hapus.is_some() && x.hapus_alasan == a;
            let mut ket = vec![format!("KIB {}", x.kib)];
            if !x.kode_barang.is_empty() || !x.nomor_register.is_empty() {
                ket.push(format!(
                    "kode {} reg. {}",
                    kosong(&x.kode_barang),
                    kosong(&x.nomor_register)
                ));
            }
            ket.push(format!("perolehan {}", tgl(x.tanggal_peroleh)));
            ket.push(balai_domain::surat::teks::rp(x.nilai));
            if !x.lokasi.is_empty() {
                ket.push(x.lokasi.clone());
            }
            b.tambah(vec![
                if x.satuan.is_empty() {
                    x.nama.clone()
                } else {
                    format!("{} ({} {})", x.nama, n, x.satuan)
                },
                sel(x.asal == "dibeli", n),
                sel(x.asal == "pusat", n),
                sel(x.asal == "provinsi", n),
                sel(x.asal == "kabupaten", n),
                sel(x.asal == "sumbangan", n),
                sel(awal == Some("baik"), n),
                sel(awal.is_some_and(|k| k != "baik"), n),
                sel(alasan("rusak"), n),
                sel(alasan("dijual"), n),
                sel(alasan("disumbangkan"), n),
                hapus.map(tgl).unwrap_or_else(|| "—".into()),
                sel(akhir == Some("baik"), n),
                sel(akhir.is_some_and(|k| k != "baik"), n),
                ket.join("; "),
            ]);
        }
        if barang.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada barang inventaris desa yang dicatat. Catat inventaris (KIB A–F) beserta asal dan kondisinya agar buku ini terisi.".into(),
                tautan: format!("/desa/{desa_id}/inventaris"),
                label_tautan: "Catat inventaris desa".into(),
            });
        }
        Ok(b)
    }
}
