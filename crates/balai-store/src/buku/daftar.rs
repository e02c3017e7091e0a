//! The two small registers only the books need: temporary residents (B.4) and the expedition
//! book of letters sent out (A.8).

use super::{Buku, Kekurangan, Periode, tgl};
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::isian::{tanggal_opsi, tanggal_wajib};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// A temporary resident as typed on the form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IsianSementara {
    pub nama: String,
    /// "1" laki-laki, "2" perempuan.
    pub jenis_kelamin: String,
    pub nomor_identitas: String,
    pub tempat_lahir: String,
    pub tanggal_lahir: String,
    pub pekerjaan: String,
    pub kebangsaan: String,
    pub keturunan: String,
    pub datang_dari: String,
    pub maksud: String,
    pub didatangi: String,
    pub datang: String,
    pub keterangan: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PendudukSementara {
    pub id: Uuid,
    pub nama: String,
    pub jenis_kelamin: i64,
    pub nomor_identitas: String,
    pub tempat_lahir: String,
    pub tanggal_lahir: Option<NaiveDate>,
    pub pekerjaan: String,
    pub kebangsaan: String,
    pub keturunan: String,
    pub datang_dari: String,
    pub maksud: String,
    pub didatangi: String,
    pub datang: NaiveDate,
    pub pergi: Option<NaiveDate>,
    pub keterangan: String,
    pub dicatat_oleh: String,
    pub dibuat_pada: DateTime<Utc>,
}

/// A letter sent out, as typed on the form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IsianEkspedisi {
    pub tanggal_kirim: String,
    pub nomor_surat: String,
    pub tanggal_surat: String,
    pub isi_singkat: String,
    pub tujuan: String,
    pub keterangan: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Ekspedisi {
    pub id: Uuid,
    pub tanggal_kirim: NaiveDate,
    pub nomor_surat: String,
    pub tanggal_surat: NaiveDate,
    pub isi_singkat: String,
    pub tujuan: String,
    pub keterangan: String,
    pub dicatat_oleh: String,
}

fn wajib<'a>(g: &mut DaftarGalat, kolom: &str, nilai: &'a str, pesan: &str) -> &'a str {
    let v = nilai.trim();
    if v.is_empty() {
        g.push(kolom, pesan);
    }
    v
}

/// The widest period both databases store (PostgreSQL's dates stop short of chrono's).
const AWAL: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
const AKHIR: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();

const KOLOM_SEMENTARA: &str = "id, nama, jenis_kelamin, nomor_identitas, tempat_lahir, tanggal_lahir, pekerjaan, \
     kebangsaan, keturunan, datang_dari, maksud, didatangi, datang, pergi, keterangan, dicatat_oleh, dibuat_pada";

impl Store {
    /// Temporary residents staying at any time within `p` (all of them without a period),
    /// by arrival.
    pub async fn daftar_penduduk_sementara(
        &self,
        desa_id: &str,
        p: Option<&Periode>,
    ) -> Result<Vec<PendudukSementara>, Galat> {
        let (dari, sampai) = p.map(|p| (p.dari, p.sampai)).unwrap_or((AWAL, AKHIR));
        let sql = format!(
            "SELECT {KOLOM_SEMENTARA} FROM penduduk_sementara WHERE desa_id = $1 AND datang <= $3 \
             AND (pergi IS NULL OR pergi >= $2) ORDER BY datang, nama, id"
        );
        Ok(
            on_db!(&self.db, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(dari).bind(sampai).fetch_all(c).await)?,
        )
    }

    pub async fn catat_penduduk_sementara(
        &self,
        desa_id: &str,
        isi: &IsianSementara,
        hari_ini: NaiveDate,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        let nama = wajib(&mut g, "nama", &isi.nama, "Tuliskan nama lengkap.");
        let jk: i64 = match isi.jenis_kelamin.trim() {
            "1" => 1,
            "2" => 2,
            _ => {
                g.push("jenis_kelamin", "Pilih laki-laki atau perempuan.");
                0
            }
        };
        let identitas = wajib(
            &mut g,
            "nomor_identitas",
            &isi.nomor_identitas,
            "Tuliskan nomor tanda pengenal (NIK, paspor atau kartu lain).",
        );
        let lahir = tanggal_opsi(
            &mut g,
            "tanggal_lahir",
            "Tanggal lahir",
            &isi.tanggal_lahir,
            hari_ini,
        );
        let asal = wajib(
            &mut g,
            "datang_dari",
            &isi.datang_dari,
            "Tuliskan dari mana ia datang (desa/kota asal).",
        );
        let maksud = wajib(
            &mut g,
            "maksud",
            &isi.maksud,
            "Tuliskan maksud kedatangan (mis. bekerja, sekolah, berkunjung).",
        );
        let didatangi = wajib(
            &mut g,
            "didatangi",
            &isi.didatangi,
            "Tuliskan nama dan alamat orang atau tempat yang didatangi.",
        );
        let datang = tanggal_wajib(&mut g, "datang", "Tanggal datang", &isi.datang, hari_ini);
        if let (Some(l), Some(d)) = (lahir, datang)
            && l > d
        {
            g.push("tanggal_lahir", "Tanggal lahir setelah tanggal datang.");
        }
        let Some(datang) = datang.filter(|_| g.is_empty()) else {
            return Err(Galat::Isian(g));
        };
        let kebangsaan = match isi.kebangsaan.trim() {
            "" => "Indonesia",
            k => k,
        };
        let (id, now) = (id_baru(), self.sekarang());
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO penduduk_sementara (desa_id, id, nama, jenis_kelamin, nomor_identitas, tempat_lahir, tanggal_lahir, \
             pekerjaan, kebangsaan, keturunan, datang_dari, maksud, didatangi, datang, keterangan, dicatat_oleh, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)")
            .bind(desa_id).bind(id).bind(nama).bind(jk).bind(identitas).bind(isi.tempat_lahir.trim()).bind(lahir)
            .bind(isi.pekerjaan.trim()).bind(kebangsaan).bind(isi.keturunan.trim()).bind(asal).bind(maksud)
            .bind(didatangi).bind(datang).bind(isi.keterangan.trim()).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "penduduk_sementara",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"nama": nama, "datang": datang, "datang_dari": asal})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the day a temporary resident left.
    pub async fn sementara_pergi(
        &self,
        desa_id: &str,
        id: Uuid,
        pergi: &str,
        hari_ini: NaiveDate,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let mut g = DaftarGalat::default();
        let t = tanggal_wajib(&mut g, "pergi", "Tanggal pergi", pergi, hari_ini);
        let Some(t) = t.filter(|_| g.is_empty()) else {
            return Err(Galat::Isian(g));
        };
        let mut tx = self.db.begin().await?;
        let lama: Option<(NaiveDate, Option<NaiveDate>)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT datang, pergi FROM penduduk_sementara WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(&mut *c).await)?;
        let Some((datang, sebelum)) = lama else {
            return Err(Galat::TidakDitemukan);
        };
        if t < datang {
            return Err(Galat::isian(
                "pergi",
                format!("Tanggal pergi sebelum tanggal datang ({}).", tgl(datang)),
            ));
        }
        let now = self.sekarang();
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE penduduk_sementara SET pergi = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(t).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "penduduk_sementara",
                objek_id: id.to_string(),
                sebelum: Some(json!({"pergi": sebelum})),
                sesudah: Some(json!({"pergi": t})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn daftar_ekspedisi(
        &self,
        desa_id: &str,
        p: &Periode,
    ) -> Result<Vec<Ekspedisi>, Galat> {
        Ok(on_db!(&self.db, c => sqlx::query_as(
            "SELECT id, tanggal_kirim, nomor_surat, tanggal_surat, isi_singkat, tujuan, keterangan, dicatat_oleh \
             FROM ekspedisi WHERE desa_id = $1 AND tanggal_kirim BETWEEN $2 AND $3 ORDER BY tanggal_kirim, dibuat_pada")
            .bind(desa_id).bind(p.dari).bind(p.sampai).fetch_all(c).await)?)
    }

    pub async fn catat_ekspedisi(
        &self,
        desa_id: &str,
        isi: &IsianEkspedisi,
        hari_ini: NaiveDate,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        let kirim = tanggal_wajib(
            &mut g,
            "tanggal_kirim",
            "Tanggal pengiriman",
            &isi.tanggal_kirim,
            hari_ini,
        );
        let nomor = wajib(
            &mut g,
            "nomor_surat",
            &isi.nomor_surat,
            "Tuliskan nomor surat.",
        );
        let surat = tanggal_wajib(
            &mut g,
            "tanggal_surat",
            "Tanggal surat",
            &isi.tanggal_surat,
            hari_ini,
        );
        let isi_singkat = wajib(
            &mut g,
            "isi_singkat",
            &isi.isi_singkat,
            "Tuliskan isi singkat surat.",
        );
        let tujuan = wajib(
            &mut g,
            "tujuan",
            &isi.tujuan,
            "Tuliskan kepada siapa surat dikirim.",
        );
        if let (Some(k), Some(s)) = (kirim, surat)
            && s > k
        {
            g.push("tanggal_surat", "Tanggal surat setelah tanggal pengiriman.");
        }
        let (Some(kirim), Some(surat)) = (kirim, surat) else {
            return Err(Galat::Isian(g));
        };
        if !g.is_empty() {
            return Err(Galat::Isian(g));
        }
        let (id, now) = (id_baru(), self.sekarang());
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO ekspedisi (desa_id, id, tanggal_kirim, nomor_surat, tanggal_surat, isi_singkat, tujuan, keterangan, dicatat_oleh, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(desa_id).bind(id).bind(kirim).bind(nomor).bind(surat).bind(isi_singkat).bind(tujuan)
            .bind(isi.keterangan.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "ekspedisi",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"nomor_surat": nomor, "tujuan": tujuan, "tanggal_kirim": kirim}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A.8 Buku Ekspedisi.
    pub async fn buku_a8(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.8", "");
        let daftar = self.daftar_ekspedisi(desa_id, p).await?;
        for e in &daftar {
            b.tambah(vec![
                tgl(e.tanggal_kirim),
                format!("{}, {}", tgl(e.tanggal_surat), e.nomor_surat),
                e.isi_singkat.clone(),
                e.tujuan.clone(),
                e.keterangan.clone(),
            ]);
        }
        if daftar.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada surat keluar yang dicatat pengirimannya pada periode ini. Catat setiap surat dinas yang dikirim (tanggal kirim, nomor, tujuan) agar buku ekspedisi lengkap.".into(),
                tautan: format!("/desa/{desa_id}/buku/ekspedisi"),
                label_tautan: "Catat pengiriman surat".into(),
            });
        }
        Ok(b)
    }
}

impl Store {
    /// The demo village's registers: two temporary residents (one gone again) and a few letters
    /// sent to the kecamatan and the district in the last weeks.
    pub async fn isi_buku_demo(&self, desa_id: &str) -> Result<(), Galat> {
        if !self
            .daftar_penduduk_sementara(desa_id, None)
            .await?
            .is_empty()
        {
            return Ok(());
        }
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari = self.hari_ini(desa.zona());
        let lalu = |n: i64| {
            (hari - chrono::Duration::days(n))
                .format("%d-%m-%Y")
                .to_string()
        };
        let aktor = Aktor::sistem();
        let orang = [
            (
                "Joko Susilo",
                "1",
                "3374010101900001",
                "Semarang",
                "Buruh bangunan",
                "Kota Semarang",
                "Bekerja membangun balai dusun",
                "Bapak Warsito, RT 001 RW 002",
                40,
            ),
            (
                "Rina Marlina",
                "2",
                "3201014507990002",
                "Bogor",
                "Mahasiswa",
                "Kabupaten Bogor",
                "Kuliah Kerja Nyata (KKN)",
                "Kantor Desa",
                75,
            ),
        ];
        for (i, (nama, jk, identitas, tempat, kerja, asal, maksud, didatangi, hari_lalu)) in
            orang.into_iter().enumerate()
        {
            let isi = IsianSementara {
                nama: nama.into(),
                jenis_kelamin: jk.into(),
                nomor_identitas: identitas.into(),
                tempat_lahir: tempat.into(),
                pekerjaan: kerja.into(),
                datang_dari: asal.into(),
                maksud: maksud.into(),
                didatangi: didatangi.into(),
                datang: lalu(hari_lalu),
                ..Default::default()
            };
            let id = self
                .catat_penduduk_sementara(desa_id, &isi, hari, &aktor)
                .await?;
            if i == 1 {
                self.sementara_pergi(desa_id, id, &lalu(30), hari, &aktor)
                    .await?;
            }
        }
        let surat = [
            (
                20,
                "140/031/2026",
                "Laporan jumlah penduduk bulanan",
                "Camat",
            ),
            (
                12,
                "900/017/2026",
                "Laporan realisasi APBDes semester I",
                "Bupati c.q. Dinas PMD",
            ),
            (
                3,
                "470/044/2026",
                "Rekapitulasi kelahiran dan kematian",
                "Dinas Kependudukan dan Pencatatan Sipil",
            ),
        ];
        for (n, nomor, isi_singkat, tujuan) in surat {
            let isi = IsianEkspedisi {
                tanggal_kirim: lalu(n),
                nomor_surat: nomor.into(),
                tanggal_surat: lalu(n + 1),
                isi_singkat: isi_singkat.into(),
                tujuan: tujuan.into(),
                keterangan: "Diantar langsung".into(),
            };
            self.catat_ekspedisi(desa_id, &isi, hari, &aktor).await?;
        }
        Ok(())
    }
}
