//! Births, deaths and moves over the past years, for the event registers and statistics.

use super::*;

impl Pembangkit<'_> {
    /// Births of the last year, and a few deaths and moves out among members other than the
    /// head, so that every family keeps its head.
    pub(super) fn peristiwa(&mut self, orang: &[DataPenduduk]) -> Vec<DemoEvent> {
        let hari_ini = self.hari_ini();
        let mut out = Vec::new();
        for p in orang {
            let u = umur(p.tanggal_lahir, hari_ini);
            if u == 0 {
                out.push(DemoEvent {
                    nik: p.nik.to_string(),
                    jenis: JenisDemo::Lahir,
                    tanggal: p.tanggal_lahir,
                    keterangan: format!(
                        "Lahir di {}, anak dari {} dan {}",
                        p.tempat_lahir, p.nama_ayah, p.nama_ibu
                    ),
                });
                continue;
            }
            if p.shdk_id == KEPALA {
                continue;
            }
            // Annual mortality by age, raised because heads (the oldest members) are exempt.
            let mati = match u {
                1..=39 => 0.0008,
                40..=49 => 0.003,
                50..=59 => 0.008,
                60..=69 => 0.02,
                70..=79 => 0.05,
                _ => 0.12,
            } * 2.4;
            if self.rng.random_bool(mati) {
                let awal =
                    (p.tanggal_lahir + Duration::days(1)).max(hari_ini - Duration::days(364));
                let tanggal =
                    awal + Duration::days(self.rng.random_range(0..=(hari_ini - awal).num_days()));
                let sebab = if u >= 70 {
                    "Meninggal dunia karena usia lanjut"
                } else if self.rng.random_bool(0.15) {
                    "Meninggal dunia karena kecelakaan"
                } else {
                    "Meninggal dunia karena sakit"
                };
                out.push(DemoEvent {
                    nik: p.nik.to_string(),
                    jenis: JenisDemo::Mati,
                    tanggal,
                    keterangan: sebab.into(),
                });
                continue;
            }
            let pindah = match (p.shdk_id, u) {
                (ANAK | CUCU | FAMILI_LAIN, 18..=40) => 0.06,
                (_, 18..=60) => 0.003,
                _ => 0.0,
            };
            if self.rng.random_bool(pindah) {
                let tujuan =
                    names::TUJUAN_PINDAH[self.rng.random_range(0..names::TUJUAN_PINDAH.len())];
                let tanggal = hari_ini - Duration::days(self.rng.random_range(0..730));
                let alasan = pilih(
                    &mut self.rng,
                    &[
                        ("Pindah karena pekerjaan", 55),
                        ("Pindah karena perkawinan", 30),
                        ("Pindah karena pendidikan", 15),
                    ],
                );
                out.push(DemoEvent {
                    nik: p.nik.to_string(),
                    jenis: JenisDemo::PindahKeluar {
                        tujuan: tujuan.to_string(),
                    },
                    tanggal,
                    keterangan: alasan.into(),
                });
            }
        }
        out
    }
}
