//! First-run setup of a fresh install (the browser's setup wizard): the villages it serves and
//! its first accounts, written only when every field passes, and only while the install has
//! no account at all.

use crate::desa::Desa;
use crate::pengguna::Peran;
use crate::pengguna::{PESAN_USERNAME, PenggunaBaru, cek_sandi, username_sah};
use crate::{Aktor, Galat, Store, on_db};
use balai_domain::{DaftarGalat, KodeDesa};

/// One account as typed in the wizard; an empty user name means "not now".
#[derive(Debug, Clone, Default)]
pub struct AkunAwal {
    pub username: String,
    pub nama: String,
    pub kata_sandi: String,
}

/// The wizard's fields.
#[derive(Debug, Clone, Default)]
pub struct IsianPenyiapan {
    /// Village codes (10 digits, dots allowed), separated by commas, spaces or lines.
    pub desa: String,
    /// The admin: of the village (one village) or of the install (a district server).
    pub admin: AkunAwal,
    /// Head of village and operator, for a one-village install (both optional).
    pub kades: AkunAwal,
    pub operator: AkunAwal,
}

impl Store {
    /// Whether the install still waits for its first-run setup (no account exists).
    pub async fn perlu_penyiapan(&self) -> Result<bool, Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar("SELECT COUNT(*) FROM pengguna").fetch_one(p).await)?;
        Ok(n == 0)
    }

    /// Registers the villages and creates the first accounts. Refused: an install that already
    /// has an account; no village, a code that is not a village in the region table; a
    /// missing admin; a user name, name or password that `tambah_pengguna` would refuse; the
    /// same user name twice; a head of village or operator on a several-village install.
    pub async fn siapkan_instalasi(
        &self,
        isi: &IsianPenyiapan,
        aktor: &Aktor,
    ) -> Result<Vec<Desa>, Galat> {
        if !self.perlu_penyiapan().await? {
            return Err(Galat::Ditolak(
                "Balai sudah disiapkan: akun pertama sudah ada. Masuk dengan akun admin; desa dan akun lain ditambahkan dari menu Pengguna dan Desa.".into(),
            ));
        }
        let mut g = DaftarGalat::default();
        let mut kode: Vec<KodeDesa> = Vec::new();
        for k in isi
            .desa
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            match KodeDesa::parse(k) {
                Err(e) => g.push("desa", format!("Kode \"{k}\": {e}")),
                Ok(kd) => match self.wilayah(kd.as_str()).await? {
                    Some(w) if w.kode.len() == 10 => {
                        if !kode.contains(&kd) {
                            kode.push(kd);
                        }
                    }
                    _ => g.push(
                        "desa",
                        format!(
                            "Kode {} tidak ada dalam tabel wilayah Kemendagri sebagai desa/kelurahan. Cari desa dengan namanya, lalu pilih dari daftar.",
                            kd.bertitik()
                        ),
                    ),
                },
            }
        }
        if kode.is_empty() && !g.0.iter().any(|e| e.kolom == "desa") {
            g.push(
                "desa",
                "Pilih desa yang dilayani server ini (cari dengan nama desa, atau tulis kode 10 angka).",
            );
        }
        let satu_desa = kode.len() <= 1;
        let mut akun: Vec<(&str, &AkunAwal, Peran)> = vec![(
            "admin",
            &isi.admin,
            if satu_desa {
                Peran::Admin
            } else {
                Peran::AdminSistem
            },
        )];
        for (awalan, a, peran) in [
            ("kades", &isi.kades, Peran::Kades),
            ("operator", &isi.operator, Peran::Operator),
        ] {
            if a.username.trim().is_empty() {
                continue;
            }
            if !satu_desa {
                g.push(
                    &format!("{awalan}_username"),
                    "Akun kepala desa dan operator dibuat per desa; pada server kabupaten buat sesudah penyiapan, dari menu Pengguna. Kosongkan isian ini.",
                );
                continue;
            }
            akun.push((awalan, a, peran));
        }
        let mut dipakai: Vec<String> = Vec::new();
        for (awalan, a, _) in &akun {
            let u = a.username.trim().to_lowercase();
            let kolom = |k: &str| format!("{awalan}_{k}");
            if !username_sah(&u) {
                g.push(&kolom("username"), PESAN_USERNAME);
            } else if dipakai.contains(&u) {
                g.push(
                    &kolom("username"),
                    format!("Nama pengguna \"{u}\" sudah dipakai akun lain di formulir ini; pilih nama lain."),
                );
            }
            dipakai.push(u);
            if a.nama.trim().is_empty() {
                g.push(&kolom("nama"), "Nama lengkap wajib diisi.");
            }
            if let Err(e) = cek_sandi(&a.kata_sandi, &kolom("kata_sandi")) {
                g.0.extend(e.0);
            }
        }
        g.into_result(())?;
        let mut desa = Vec::with_capacity(kode.len());
        for k in &kode {
            desa.push(match self.desa(k.as_str()).await? {
                Some(d) => d,
                None => self.buat_desa(k, aktor).await?,
            });
        }
        let desa_id = satu_desa.then(|| kode[0].as_str());
        for (_, a, peran) in &akun {
            self.tambah_pengguna(
                &PenggunaBaru {
                    username: &a.username,
                    nama: &a.nama,
                    kata_sandi: &a.kata_sandi,
                    peran: *peran,
                    desa_id: if *peran == Peran::AdminSistem {
                        None
                    } else {
                        desa_id
                    },
                    cakupan: "",
                },
                aktor,
            )
            .await?;
        }
        Ok(desa)
    }
}
