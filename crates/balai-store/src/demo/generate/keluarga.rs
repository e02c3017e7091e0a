//! The shapes of family a household is drawn from: a couple with children (and sometimes
//! their parents), three generations, a widow or widower, a divorced parent, someone living alone.

use super::*;

impl Pembangkit<'_> {
    /// Head (married man), wife and the children still at home; with `orang_tua`, also a
    /// widowed parent (or parent couple) of the head or of the wife.
    pub(super) fn keluarga_inti(&mut self, orang_tua: bool) -> Draf {
        let umur_kk = if orang_tua {
            self.rng.random_range(24.0..52.0)
        } else {
            umur_dari_kelas(
                &mut self.rng,
                &[
                    (20, 3),
                    (25, 9),
                    (30, 12),
                    (35, 13),
                    (40, 13),
                    (45, 12),
                    (50, 11),
                    (55, 9),
                    (60, 7),
                    (65, 5),
                    (70, 3),
                    (75, 2),
                ],
            )
        };
        let selisih = pilih(
            &mut self.rng,
            &[
                (-2.0, 3),
                (0.0, 10),
                (2.0, 18),
                (4.0, 14),
                (6.0, 7),
                (9.0, 3),
            ],
        ) + self.rng.random_range(0.0..2.0);
        let umur_istri = (umur_kk - selisih).max(19.0);
        let mut d = Draf::default();
        let kk_lahir = self.lahir_umur(umur_kk);
        let istri_lahir = self.lahir_umur(umur_istri);
        d.anggota.push(Calon::baru(true, kk_lahir, KEPALA, KAWIN));
        d.anggota
            .push(Calon::baru(false, istri_lahir, ISTRI, KAWIN));
        let anak = self.kelahiran(istri_lahir);
        let nikah = self.tanggal_nikah(istri_lahir, anak.first().map(|a| a.1));
        for c in &mut d.anggota {
            c.nikah = Some(nikah);
        }
        for (laki, lahir) in anak {
            if self.masih_serumah(laki, lahir) {
                let mut c = Calon::baru(laki, lahir, ANAK, BELUM_KAWIN);
                c.ayah = Induk::Anggota(0);
                c.ibu = Induk::Anggota(1);
                d.anggota.push(c);
            }
        }
        if orang_tua {
            // An elderly parent (or both) of the head or of the wife lives in.
            let dari_kk = self.rng.random_bool(0.6);
            let anak_idx = if dari_kk { 0 } else { 1 };
            let anak_lahir = d.anggota[anak_idx].lahir;
            let ibu_lahir = geser(anak_lahir, -self.rng.random_range(19.0..40.0));
            let shdk = if dari_kk { ORANGTUA } else { MERTUA };
            let ayah_lahir = geser(ibu_lahir, -self.rng.random_range(0.0..8.0));
            let nikah_ortu = geser(anak_lahir, -self.rng.random_range(1.0..3.0));
            // Mostly a widowed mother; sometimes a widowed father or both parents.
            let (ayah, ibu) = match pilih(&mut self.rng, &[(0u8, 68), (1, 17), (2, 15)]) {
                0 => (false, true),
                1 => (true, false),
                _ => (true, true),
            };
            let ayah = ayah && self.usia(ayah_lahir) < 95.0;
            let ibu = (ibu || !ayah) && self.usia(ibu_lahir) < 97.0;
            let status = if ayah && ibu { KAWIN } else { CERAI_MATI };
            for (laki, lahir, ikut) in [(true, ayah_lahir, ayah), (false, ibu_lahir, ibu)] {
                if !ikut {
                    continue;
                }
                let mut c = Calon::baru(laki, lahir, shdk, status);
                c.nikah = Some(nikah_ortu);
                d.anggota.push(c);
                let idx = Induk::Anggota(d.anggota.len() - 1);
                if laki {
                    d.anggota[anak_idx].ayah = idx;
                } else {
                    d.anggota[anak_idx].ibu = idx;
                }
            }
        }
        d
    }

    /// An older couple with a married child, the child's spouse (menantu) and grandchildren,
    /// plus unmarried children still at home.
    pub(super) fn keluarga_tiga_generasi(&mut self) -> Draf {
        let umur_kk: f64 = self.rng.random_range(50.0..78.0);
        let umur_istri = (umur_kk - self.rng.random_range(0.0..7.0)).max(46.0);
        let kk_lahir = self.lahir_umur(umur_kk);
        let istri_lahir = self.lahir_umur(umur_istri);
        let anak = self.kelahiran(istri_lahir);
        let menikah = anak
            .iter()
            .position(|(_, l)| (21.0..40.0).contains(&self.usia(*l)));
        let Some(menikah) = menikah else {
            return self.keluarga_inti(false);
        };
        let mut d = Draf::default();
        let nikah = self.tanggal_nikah(istri_lahir, anak.first().map(|a| a.1));
        let mut kk = Calon::baru(true, kk_lahir, KEPALA, KAWIN);
        kk.nikah = Some(nikah);
        let mut istri = Calon::baru(false, istri_lahir, ISTRI, KAWIN);
        istri.nikah = Some(nikah);
        d.anggota.push(kk);
        d.anggota.push(istri);
        for (i, &(laki, lahir)) in anak.iter().enumerate() {
            if i != menikah && !self.masih_serumah(laki, lahir) {
                continue;
            }
            let kawin = if i == menikah { KAWIN } else { BELUM_KAWIN };
            let mut c = Calon::baru(laki, lahir, ANAK, kawin);
            c.ayah = Induk::Anggota(0);
            c.ibu = Induk::Anggota(1);
            d.anggota.push(c);
            if i == menikah {
                let idx_anak = d.anggota.len() - 1;
                let umur_anak = self.usia(lahir);
                let umur_mantu = if laki {
                    (umur_anak - self.rng.random_range(0.0..6.0)).max(19.0)
                } else {
                    umur_anak + self.rng.random_range(0.0..6.0)
                };
                let mantu_lahir = self.lahir_umur(umur_mantu);
                d.anggota
                    .push(Calon::baru(!laki, mantu_lahir, MENANTU, KAWIN));
                let idx_mantu = idx_anak + 1;
                let (ibu_idx, ayah_idx) = if laki {
                    (idx_mantu, idx_anak)
                } else {
                    (idx_anak, idx_mantu)
                };
                let ibu_lahir = d.anggota[ibu_idx].lahir;
                let cucu = self.kelahiran(ibu_lahir);
                let nikah2 = self.tanggal_nikah(ibu_lahir, cucu.first().map(|c| c.1));
                d.anggota[idx_anak].nikah = Some(nikah2);
                d.anggota[idx_mantu].nikah = Some(nikah2);
                for (l, t) in cucu {
                    let mut c = Calon::baru(l, t, CUCU, BELUM_KAWIN);
                    c.ayah = Induk::Anggota(ayah_idx);
                    c.ibu = Induk::Anggota(ibu_idx);
                    d.anggota.push(c);
                }
            }
        }
        d
    }

    /// A widow (or widower) heading the family with the children still at home; an old
    /// widow sometimes lives with a married child's family.
    pub(super) fn keluarga_janda_duda(&mut self, duda: bool) -> Draf {
        let umur = umur_dari_kelas(
            &mut self.rng,
            &[
                (40, 4),
                (45, 6),
                (50, 9),
                (55, 11),
                (60, 14),
                (65, 15),
                (70, 15),
                (75, 12),
                (80, 10),
                (85, 6),
                (90, 2),
            ],
        );
        let lahir = self.lahir_umur(umur);
        let ibu_lahir = if duda {
            geser(lahir, self.rng.random_range(0.0..7.0))
        } else {
            lahir
        };
        let mut d = Draf::default();
        let mut kk = Calon::baru(duda, lahir, KEPALA, CERAI_MATI);
        let anak = self.kelahiran(ibu_lahir);
        let nikah = self.tanggal_nikah(ibu_lahir, anak.first().map(|a| a.1));
        kk.nikah = Some(nikah);
        d.anggota.push(kk);
        // The late spouse is the other parent of all the children.
        d.luar
            .push((!duda, geser(lahir, if duda { 3.0 } else { -3.0 }).year()));
        let (ayah, ibu) = if duda {
            (Induk::Anggota(0), Induk::Luar(0))
        } else {
            (Induk::Luar(0), Induk::Anggota(0))
        };
        let dengan_cucu = umur >= 60.0 && self.rng.random_bool(0.3);
        let mut sudah_menikah = false;
        for (laki, tgl) in anak {
            let u = self.usia(tgl);
            if dengan_cucu && !sudah_menikah && (21.0..45.0).contains(&u) {
                sudah_menikah = true;
                let mut c = Calon::baru(laki, tgl, ANAK, KAWIN);
                c.ayah = ayah;
                c.ibu = ibu;
                d.anggota.push(c);
                let idx_anak = d.anggota.len() - 1;
                let umur_mantu = if laki {
                    (u - self.rng.random_range(0.0..6.0)).max(19.0)
                } else {
                    u + self.rng.random_range(0.0..6.0)
                };
                let mantu_lahir = self.lahir_umur(umur_mantu);
                d.anggota
                    .push(Calon::baru(!laki, mantu_lahir, MENANTU, KAWIN));
                let idx_mantu = idx_anak + 1;
                let (ibu_idx, ayah_idx) = if laki {
                    (idx_mantu, idx_anak)
                } else {
                    (idx_anak, idx_mantu)
                };
                let ibu_cucu_lahir = d.anggota[ibu_idx].lahir;
                let cucu = self.kelahiran(ibu_cucu_lahir);
                let nikah2 = self.tanggal_nikah(ibu_cucu_lahir, cucu.first().map(|c| c.1));
                d.anggota[idx_anak].nikah = Some(nikah2);
                d.anggota[idx_mantu].nikah = Some(nikah2);
                for (l, t) in cucu {
                    let mut c = Calon::baru(l, t, CUCU, BELUM_KAWIN);
                    c.ayah = Induk::Anggota(ayah_idx);
                    c.ibu = Induk::Anggota(ibu_idx);
                    d.anggota.push(c);
                }
            } else if self.masih_serumah(laki, tgl) {
                let mut c = Calon::baru(laki, tgl, ANAK, BELUM_KAWIN);
                c.ayah = ayah;
                c.ibu = ibu;
                d.anggota.push(c);
            }
        }
        d
    }

    /// A divorced parent, mostly the mother, with the children.
    pub(super) fn keluarga_cerai(&mut self) -> Draf {
        let ibu_kk = self.rng.random_bool(0.7);
        let umur = self.rng.random_range(26.0..55.0);
        let lahir = self.lahir_umur(umur);
        let ibu_lahir = if ibu_kk {
            lahir
        } else {
            geser(lahir, self.rng.random_range(0.0..5.0))
        };
        let anak = self.kelahiran(ibu_lahir);
        let nikah = self.tanggal_nikah(ibu_lahir, anak.first().map(|a| a.1));
        let terakhir = anak.last().map(|a| a.1).unwrap_or(nikah);
        let cerai = terakhir + Duration::days(self.rng.random_range(200..3000));
        let mut kk = Calon::baru(!ibu_kk, lahir, KEPALA, CERAI_HIDUP);
        kk.nikah = Some(nikah);
        kk.cerai = Some(cerai.min(self.hari_ini()));
        let mut d = Draf::default();
        d.anggota.push(kk);
        d.luar.push((ibu_kk, geser(lahir, -2.0).year()));
        for (laki, tgl) in anak {
            if self.masih_serumah(laki, tgl) {
                let mut c = Calon::baru(laki, tgl, ANAK, BELUM_KAWIN);
                (c.ayah, c.ibu) = if ibu_kk {
                    (Induk::Luar(0), Induk::Anggota(0))
                } else {
                    (Induk::Anggota(0), Induk::Luar(0))
                };
                d.anggota.push(c);
            }
        }
        d
    }

    /// An unmarried adult on a KK of their own, sometimes with a young relative.
    pub(super) fn keluarga_lajang(&mut self) -> Draf {
        let laki = self.rng.random_bool(0.6);
        let umur = self.rng.random_range(22.0..50.0);
        let lahir = self.lahir_umur(umur);
        let mut d = Draf::default();
        d.anggota
            .push(Calon::baru(laki, lahir, KEPALA, BELUM_KAWIN));
        if self.rng.random_bool(0.2) {
            let umur = self.rng.random_range(8.0..24.0);
            let l = self.lahir_umur(umur);
            d.anggota.push(Calon::baru(
                self.rng.random_bool(0.5),
                l,
                FAMILI_LAIN,
                BELUM_KAWIN,
            ));
        }
        d
    }
}
