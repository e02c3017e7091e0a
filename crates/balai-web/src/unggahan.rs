//! Uploaded import files kept between the preview and the "apply" click: on disk (owner-only),
//! one pending file per user and village, dropped after 30 minutes. One user's uploads never
//! push out another's.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const UMUR: Duration = Duration::from_secs(30 * 60);

pub struct Unggahan {
    pub desa_id: String,
    pub pengguna: uuid::Uuid,
    pub nama: String,
    /// The resident import's file format; other imports keep none.
    pub format: Option<balai_store::impor::FormatImpor>,
    pub isi: Vec<u8>,
}

struct Tersimpan {
    desa_id: String,
    pengguna: uuid::Uuid,
    nama: String,
    format: Option<balai_store::impor::FormatImpor>,
    berkas: PathBuf,
    dibuat: Instant,
}

pub struct Simpanan {
    folder: PathBuf,
    isi: Mutex<HashMap<String, Tersimpan>>,
}

impl Default for Simpanan {
    fn default() -> Self {
        let folder = std::env::temp_dir().join(format!(
            "balai_pratinjau_{}_{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        Simpanan {
            folder,
            isi: Mutex::default(),
        }
    }
}

impl Drop for Simpanan {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn tulis(path: &PathBuf, isi: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut buka = std::fs::OpenOptions::new();
    buka.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut buka, 0o600);
    buka.open(path)?.write_all(isi)
}

impl Simpanan {
    /// Keeps a checked file; returns its one-time token, or `None` when it cannot be written.
    /// The same user's earlier pending file for this village is dropped; expired ones too.
    pub fn simpan(
        &self,
        desa_id: &str,
        pengguna: uuid::Uuid,
        nama: &str,
        format: Option<balai_store::impor::FormatImpor>,
        isi: Vec<u8>,
    ) -> Option<String> {
        let token = balai_store::pengguna::token_acak();
        let mut m = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        m.retain(|_, u| {
            let tetap =
                u.dibuat.elapsed() < UMUR && !(u.pengguna == pengguna && u.desa_id == desa_id);
            if !tetap {
                let _ = std::fs::remove_file(&u.berkas);
            }
            tetap
        });
        std::fs::create_dir_all(&self.folder).ok()?;
        let berkas = self.folder.join(&token);
        if let Err(e) = tulis(&berkas, &isi) {
            tracing::warn!(galat = %e, "berkas pratinjau impor tidak dapat ditulis");
            return None;
        }
        m.insert(
            token.clone(),
            Tersimpan {
                desa_id: desa_id.into(),
                pengguna,
                nama: nama.into(),
                format,
                berkas,
                dibuat: Instant::now(),
            },
        );
        Some(token)
    }

    /// Takes the file back, only for the same village and user.
    pub fn ambil(&self, token: &str, desa_id: &str, pengguna: uuid::Uuid) -> Option<Unggahan> {
        let mut m = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        let cocok = m.get(token).is_some_and(|u| {
            u.desa_id == desa_id && u.pengguna == pengguna && u.dibuat.elapsed() < UMUR
        });
        if !cocok {
            return None;
        }
        let u = m.remove(token)?;
        let isi = std::fs::read(&u.berkas).ok();
        let _ = std::fs::remove_file(&u.berkas);
        Some(Unggahan {
            desa_id: u.desa_id,
            pengguna: u.pengguna,
            nama: u.nama,
            format: u.format,
            isi: isi?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use balai_store::impor::FormatImpor;

    #[test]
    fn unggahan_pengguna_lain_tidak_menggeser() {
        let s = Simpanan::default();
        let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let milik_a = s
            .simpan(
                "3325082004",
                a,
                "a.xlsx",
                Some(FormatImpor::OpenSid),
                b"punya A".to_vec(),
            )
            .unwrap();
        for i in 0..20 {
            let desa = format!("33250820{:02}", i);
            s.simpan(&desa, b, "b.xlsx", Some(FormatImpor::OpenSid), vec![1; 10])
                .unwrap();
        }
        // Another user cannot take it, the owner can, once; the file leaves the disk.
        assert!(s.ambil(&milik_a, "3325082004", b).is_none());
        let u = s.ambil(&milik_a, "3325082004", a).unwrap();
        assert_eq!(u.isi, b"punya A");
        assert!(s.ambil(&milik_a, "3325082004", a).is_none());
        assert!(!s.folder.join(&milik_a).exists());
    }

    #[test]
    fn satu_pratinjau_per_pengguna_dan_desa() {
        let s = Simpanan::default();
        let a = uuid::Uuid::new_v4();
        let lama = s
            .simpan(
                "3325082004",
                a,
                "1.csv",
                Some(FormatImpor::OpenSid),
                b"1".to_vec(),
            )
            .unwrap();
        let baru = s
            .simpan(
                "3325082004",
                a,
                "2.csv",
                Some(FormatImpor::OpenSid),
                b"2".to_vec(),
            )
            .unwrap();
        assert!(s.ambil(&lama, "3325082004", a).is_none());
        assert_eq!(s.ambil(&baru, "3325082004", a).unwrap().isi, b"2");
        use std::os::unix::fs::PermissionsExt;
        let t = s
            .simpan(
                "3325082004",
                a,
                "3.csv",
                Some(FormatImpor::OpenSid),
                b"3".to_vec(),
            )
            .unwrap();
        let mode = std::fs::metadata(s.folder.join(&t))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
