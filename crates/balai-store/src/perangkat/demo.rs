//! The demo village's staff and institutions (from its dusun and RT/RW), their attendance PINs,
//! the office's position, and a full previous month of attendance: a few late days, one
//! approved leave, one far check-in flagged.

use super::{IsianJabatan, IsianOrang};
use crate::audit::{Catatan, catat};
use crate::perangkat::kehadiran::IsianAturan;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use serde_json::json;
use std::collections::HashSet;

/// One demo official who checks in: name, position, PIN.
pub struct PinDemo {
    pub nama: String,
    pub jabatan: String,
    pub pin: String,
}

/// The demo office: Donorejo's village hall (approximate).
pub const KANTOR_DEMO: (f64, f64) = (-7.0489, 109.9153);

impl Store {
    /// Fills the demo staff once (nothing when the village already has staff); returns the
    /// officials' PINs for `balai demo` to print.
    pub async fn isi_perangkat_demo(&self, desa_id: &str) -> Result<Vec<PinDemo>, Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM perangkat WHERE desa_id = $1").bind(desa_id).fetch_one(p).await)?;
        if n > 0 {
            return Ok(Vec::new());
        }
        let a = Aktor::sistem();
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.hari_ini(desa.zona());
        let mulai = NaiveDate::from_ymd_opt(hari_ini.year() - 2, 1, 15).unwrap_or(hari_ini);
        let selesai = NaiveDate::from_ymd_opt(hari_ini.year() + 4, 1, 14);
        let rt = self.daftar_rt(desa_id).await?;
        let mut dusun: Vec<String> = rt.iter().map(|r| r.dusun.clone()).collect();
        dusun.dedup();
        let kades = if desa.kepala_desa.trim().is_empty() {
            "Sutrisno".to_string()
        } else {
            desa.kepala_desa.clone()
        };
        let mut pemdes: Vec<(String, String, String, &str, &str)> = vec![
            (
                kades,
                "Kepala Desa".into(),
                String::new(),
                "SMA/SEDERAJAT",
                "",
            ),
            (
                "Rina Wulandari".into(),
                "Sekretaris Desa".into(),
                String::new(),
                "DIPLOMA IV/STRATA I",
                "",
            ),
            (
                "Agus Setiawan".into(),
                "Kepala Urusan Keuangan".into(),
                String::new(),
                "DIPLOMA III",
                "",
            ),
            (
                "Yuni Astuti".into(),
                "Kepala Urusan Umum dan Perencanaan".into(),
                String::new(),
                "SMA/SEDERAJAT",
                "",
            ),
            (
                "Dewi Lestari".into(),
                "Kepala Seksi Pelayanan".into(),
                String::new(),
                "DIPLOMA IV/STRATA I",
                "",
            ),
            (
                "Hendra Gunawan".into(),
                "Kepala Seksi Pemerintahan".into(),
                String::new(),
                "SMA/SEDERAJAT",
                "",
            ),
            (
                "Sri Wahyuni".into(),
                "Kepala Seksi Kesejahteraan".into(),
                String::new(),
                "SMA/SEDERAJAT",
                "",
            ),
        ];
        let nama_kadus = [
            "Suparman",
            "Warsito",
            "Kusnadi",
            "Slamet Riyadi",
            "Margono",
            "Tukiman",
        ];
        for (i, d) in dusun.iter().enumerate() {
            pemdes.push((
                nama_kadus[i % nama_kadus.len()].to_string(),
                "Kepala Dusun".into(),
                d.clone(),
                "SMP/SEDERAJAT",
                "",
            ));
        }
        let pin_demo = [
            "583920", "120934", "774102", "305817", "918263", "461057", "839402", "250718",
            "671395", "408126", "936571", "714208",
        ];
        let mut pin = Vec::new();
        for (i, (nama, jabatan, unit, pendidikan, _)) in pemdes.iter().enumerate() {
            let id = self
                .perangkat()
                .tambah_jabatan(
                    desa_id,
                    &IsianJabatan {
                        orang: IsianOrang {
                            nama: nama.clone(),
                            jenis_kelamin: if ["Rina", "Yuni", "Dewi", "Sri"]
                                .iter()
                                .any(|p| nama.starts_with(p))
                            {
                                2
                            } else {
                                1
                            },
                            tempat_lahir: "Batang".into(),
                            pendidikan: pendidikan.to_string(),
                            agama: "ISLAM".into(),
                            niap: format!("{}", 3_325_082_004_000_u64 + i as u64),
                            ..Default::default()
                        },
                        lembaga: "pemdes".into(),
                        unit: unit.clone(),
                        jabatan: jabatan.clone(),
                        urut: i as i64,
                        sk_nomor: format!("141/{:02}/{}", i + 1, mulai.year()),
                        sk_tanggal: Some(mulai),
                        mulai: Some(mulai),
                        selesai: if i == 0 { selesai } else { None },
                        ..Default::default()
                    },
                    &a,
                )
                .await?;
            let j = self
                .perangkat()
                .jabatan(desa_id, id)
                .await?
                .ok_or(Galat::TidakDitemukan)?;
            let p = pin_demo[i % pin_demo.len()].to_string();
            self.perangkat()
                .pasang_pin(desa_id, j.perangkat_id, &p, &a)
                .await?;
            pin.push(PinDemo {
                nama: nama.clone(),
                jabatan: j.nama_jabatan(),
                pin: p,
            });
        }
        // Institutions: BPD, LPM, PKK, Karang Taruna, a posyandu cadre, an empowerment cadre,
        // and the RT/RW heads of the village's own wilayah.
        let lain: [(&str, &str, &str, u8); 10] = [
            ("bpd", "Ketua", "Bambang Prasetyo", 1),
            ("bpd", "Wakil Ketua", "Sulastri", 2),
            ("bpd", "Anggota", "Siti Aminah", 2),
            ("bpd", "Anggota", "Joko Susilo", 1),
            ("lpm", "Ketua", "Mulyono", 1),
            ("pkk", "Ketua", "Endang Susilowati", 2),
            ("karang_taruna", "Ketua", "Rizky Pratama", 1),
            ("posyandu", "Kader Posyandu", "Tri Handayani", 2),
            ("posyandu", "Kader Posyandu", "Nur Hidayah", 2),
            ("kpm", "Kader Pemberdayaan Masyarakat", "Fajar Nugroho", 1),
        ];
        for (i, (lembaga, jabatan, nama, jk)) in lain.iter().enumerate() {
            self.perangkat()
                .tambah_jabatan(
                    desa_id,
                    &IsianJabatan {
                        orang: IsianOrang {
                            nama: nama.to_string(),
                            jenis_kelamin: i16::from(*jk),
                            pendidikan: "SMA/SEDERAJAT".into(),
                            alamat: format!(
                                "Dusun {}",
                                dusun.first().map(String::as_str).unwrap_or("-")
                            ),
                            ..Default::default()
                        },
                        lembaga: lembaga.to_string(),
                        jabatan: jabatan.to_string(),
                        urut: i as i64,
                        sk_nomor: format!("141/{:02}/BPD/{}", i + 1, mulai.year()),
                        sk_tanggal: Some(mulai),
                        mulai: Some(mulai),
                        ..Default::default()
                    },
                    &a,
                )
                .await?;
        }
        let nama_rt = [
            "Darmaji", "Sugeng", "Paijo", "Rohmad", "Wagiman", "Sutarno", "Parno", "Kasmin",
            "Sukir", "Tarmuji", "Wakidi", "Sarmin",
        ];
        let mut rw_dilihat = HashSet::new();
        for (i, r) in rt.iter().enumerate() {
            if rw_dilihat.insert((r.dusun.clone(), r.rw.clone())) {
                self.perangkat()
                    .tambah_jabatan(
                        desa_id,
                        &IsianJabatan {
                            orang: IsianOrang {
                                nama: format!("{} (RW)", nama_rt[(i + 5) % nama_rt.len()]),
                                jenis_kelamin: 1,
                                alamat: format!("Dusun {} RW {}", r.dusun, r.rw),
                                ..Default::default()
                            },
                            lembaga: "rw".into(),
                            unit: format!("{} {}", r.rw, r.dusun),
                            jabatan: "Ketua RW".into(),
                            mulai: Some(mulai),
                            ..Default::default()
                        },
                        &a,
                    )
                    .await?;
            }
            let nama = if r.ketua.trim().is_empty() {
                nama_rt[i % nama_rt.len()].to_string()
            } else {
                r.ketua.clone()
            };
            self.perangkat()
                .tambah_jabatan(
                    desa_id,
                    &IsianJabatan {
                        orang: IsianOrang {
                            nama,
                            jenis_kelamin: 1,
                            alamat: format!("Dusun {} RT {}/RW {}", r.dusun, r.rt, r.rw),
                            ..Default::default()
                        },
                        lembaga: "rt".into(),
                        unit: format!("{}/{} {}", r.rt, r.rw, r.dusun),
                        jabatan: "Ketua RT".into(),
                        mulai: Some(mulai),
                        ..Default::default()
                    },
                    &a,
                )
                .await?;
        }
        self.kehadiran_demo(desa_id).await?;
        Ok(pin)
    }

    /// The office's position and a full previous month of attendance of the officials.
    async fn kehadiran_demo(&self, desa_id: &str) -> Result<(), Galat> {
        let k = self.kehadiran();
        k.siapkan(desa_id).await?;
        let aturan = k.aturan(desa_id).await?;
        k.simpan_aturan(
            desa_id,
            &IsianAturan {
                lintang: Some(KANTOR_DEMO.0),
                bujur: Some(KANTOR_DEMO.1),
                radius_m: 150,
                jam_masuk: "08:00".into(),
                jam_pulang: "16:00".into(),
                toleransi_menit: 15,
                hari_kerja: vec![1, 2, 3, 4, 5],
                versi: aturan.versi,
            },
            &Aktor::sistem(),
        )
        .await?;
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let zona = desa.zona().offset();
        let hari_ini = self.hari_ini(desa.zona());
        let awal_ini = hari_ini.with_day(1).unwrap_or(hari_ini);
        let Some(awal) = awal_ini.checked_sub_months(Months::new(1)) else {
            return Ok(());
        };
        let akhir = awal_ini.pred_opt().unwrap_or(awal);
        let aktif = self.perangkat().perangkat_aktif(desa_id).await?;
        let libur: HashSet<NaiveDate> = k
            .libur(desa_id, awal.year())
            .await?
            .into_iter()
            .map(|l| l.tanggal)
            .collect();
        let kerja = k.aturan(desa_id).await?.kerja();
        // The Kaur Umum takes two days of approved leave in the second week.
        let cuti_orang = aktif.get(3).map(|x| x.o.id);
        let hari_kerja: Vec<NaiveDate> = awal
            .iter_days()
            .take_while(|t| *t <= akhir)
            .filter(|t| kerja.hari_kerja(*t, &libur))
            .collect();
        let cuti: Vec<NaiveDate> = hari_kerja.iter().skip(6).take(2).copied().collect();
        let now = self.sekarang();
        let a = Aktor::sistem();
        let mut tx = self.db.begin().await?;
        let mut n = 0;
        for (i, x) in aktif.iter().enumerate() {
            for (h, t) in hari_kerja.iter().enumerate() {
                if Some(x.o.id) == cuti_orang && cuti.contains(t) {
                    continue;
                }
                // Someone misses a day without notice now and then.
                if (i * 7 + h * 3) % 41 == 5 {
                    continue;
                }
                // A few late days; one check-in by phone far from the office.
                let menit_masuk = if (i + h) % 13 == 4 {
                    8 * 60 + 35
                } else {
                    7 * 60 + 40 + ((i * 3 + h) % 18) as u32
                };
                let jauh = i == 2 && h == 3;
                for (jenis, menit) in [
                    ("masuk", menit_masuk),
                    ("pulang", 16 * 60 + 5 + ((i + h) % 20) as u32),
                ] {
                    let jam = NaiveTime::from_hms_opt(menit / 60, menit % 60, 0)
                        .unwrap_or(NaiveTime::MIN);
                    let waktu = t
                        .and_time(jam)
                        .and_local_timezone(zona)
                        .single()
                        .map(|w| w.with_timezone(&chrono::Utc))
                        .unwrap_or(now);
                    let (cara, jarak, tanda) = if jauh && jenis == "masuk" {
                        ("ponsel", Some(2350_i64), "jauh")
                    } else {
                        ("anjungan", None, "")
                    };
                    on_tx!(&mut tx, c => sqlx::query(
                        "INSERT INTO kehadiran (desa_id, id, perangkat_id, tanggal, jenis, waktu, cara, jarak_m, tanda, \
                         ditolak, dicatat_oleh, dibuat_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                        .bind(desa_id).bind(id_baru()).bind(x.o.id).bind(*t).bind(jenis).bind(waktu).bind(cara)
                        .bind(jarak).bind(tanda).bind(false).bind(&a.0).bind(waktu)
                        .execute(&mut *c).await.map(|_| ()))?;
                    n += 1;
                }
            }
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor: &a,
                aksi: "isi_demo",
                objek: "kehadiran",
                objek_id: awal.format("%Y-%m").to_string(),
                sebelum: None,
                sesudah: Some(json!({ "absen": n })),
            },
        )
        .await?;
        tx.commit().await?;
        if let (Some(pid), Some(m), Some(s)) = (cuti_orang, cuti.first(), cuti.last()) {
            let id = k
                .ajukan_izin(
                    desa_id,
                    &super::kehadiran::IsianIzin {
                        perangkat_id: Some(pid),
                        jenis: "cuti".into(),
                        mulai: Some(*m),
                        selesai: Some(*s),
                        alasan: "Keperluan keluarga (pernikahan adik)".into(),
                    },
                    &a,
                )
                .await?;
            k.putuskan_izin(desa_id, id, true, "", &Aktor::pengguna("kades"))
                .await?;
        }
        Ok(())
    }
}
