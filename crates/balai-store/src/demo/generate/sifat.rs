//! Education and occupation, drawn by age, sex and schooling so the statistics look like a
//! Central Java village.

use super::*;

impl Pembangkit<'_> {
    /// (education attained, education in progress, at school?) for an age and birth year.
    pub(super) fn pendidikan(&mut self, u: i32, th: i32) -> (i16, Option<i16>, bool) {
        let rng = &mut self.rng;
        match u {
            0..=3 => (1, Some(1), false),
            4..=5 => (1, Some(2), true),
            6 => {
                if rng.random_bool(0.4) {
                    (2, Some(4), true)
                } else {
                    (1, Some(2), true)
                }
            }
            7..=12 => (2, Some(4), true),
            13..=15 => {
                if rng.random_bool(0.95) {
                    (3, Some(6), true)
                } else {
                    (3, Some(18), false)
                }
            }
            16..=18 => {
                if rng.random_bool(0.8) {
                    (4, Some(7), true)
                } else {
                    (pilih(rng, &[(3i16, 40), (4, 60)]), Some(18), false)
                }
            }
            19..=23 if rng.random_bool(0.2) => {
                (5, Some(pilih(rng, &[(11i16, 85), (10, 15)])), true)
            }
            _ => {
                let tamat = if th < 1960 {
                    pilih(rng, &[(1i16, 18), (2, 25), (3, 40), (4, 9), (5, 6), (8, 2)])
                } else if th < 1976 {
                    pilih(
                        rng,
                        &[
                            (1i16, 6),
                            (2, 14),
                            (3, 40),
                            (4, 19),
                            (5, 15),
                            (6, 2),
                            (7, 1),
                            (8, 3),
                        ],
                    )
                } else if th < 1991 {
                    pilih(
                        rng,
                        &[
                            (1i16, 2),
                            (2, 5),
                            (3, 28),
                            (4, 26),
                            (5, 31),
                            (6, 2),
                            (7, 2),
                            (8, 4),
                        ],
                    )
                } else {
                    pilih(
                        rng,
                        &[
                            (1i16, 1),
                            (2, 2),
                            (3, 11),
                            (4, 22),
                            (5, 49),
                            (6, 3),
                            (7, 4),
                            (8, 7),
                            (9, 1),
                        ],
                    )
                };
                (tamat, None, false)
            }
        }
    }

    pub(super) fn pekerjaan(
        &mut self,
        laki: bool,
        u: i32,
        pend: i16,
        sekolah: bool,
        kawin: i16,
    ) -> i16 {
        let k = &self.kerja;
        let rng = &mut self.rng;
        if u < 7 {
            return k.belum;
        }
        if sekolah {
            return k.pelajar;
        }
        if u < 15 {
            return k.belum;
        }
        if u < 19 {
            return if laki {
                pilih(
                    rng,
                    &[(k.buruh_harian, 40), (k.belum, 40), (k.buruh_tani, 20)],
                )
            } else {
                pilih(rng, &[(k.belum, 50), (k.karyawan, 30), (k.irt, 20)])
            };
        }
        let sarjana = pend >= 6;
        if u >= 65 {
            return if laki {
                if sarjana && rng.random_bool(0.5) {
                    k.pensiunan
                } else {
                    pilih(
                        rng,
                        &[
                            (k.petani, 35),
                            (k.belum, 40),
                            (k.buruh_tani, 10),
                            (k.pedagang, 5),
                            (k.wiraswasta, 5),
                            (k.pensiunan, 5),
                        ],
                    )
                }
            } else {
                pilih(
                    rng,
                    &[
                        (k.irt, 45),
                        (k.belum, 35),
                        (k.petani, 10),
                        (k.pedagang, 6),
                        (k.buruh_tani, 4),
                    ],
                )
            };
        }
        match (laki, sarjana) {
            (true, true) => pilih(
                rng,
                &[
                    (k.karyawan, 25),
                    (k.guru, 14),
                    (k.pns, 14),
                    (k.wiraswasta, 20),
                    (k.perangkat, 5),
                    (k.pedagang, 6),
                    (k.perawat, 3),
                    (k.belum, 5),
                ],
            ),
            (false, true) => pilih(
                rng,
                &[
                    (k.guru, 20),
                    (k.bidan, 8),
                    (k.perawat, 6),
                    (k.karyawan, 25),
                    (k.pns, 12),
                    (k.wiraswasta, 12),
                    (k.irt, 15),
                    (k.pedagang, 5),
                ],
            ),
            (true, false) if u < 25 => pilih(
                rng,
                &[
                    (k.karyawan, 30),
                    (k.buruh_harian, 25),
                    (k.belum, 20),
                    (k.wiraswasta, 10),
                    (k.petani, 5),
                    (k.buruh_tani, 10),
                ],
            ),
            (true, false) => {
                let perangkat = if pend >= 5 { 2 } else { 0 };
                pilih(
                    rng,
                    &[
                        (k.petani, 20),
                        (k.buruh_tani, 15),
                        (k.buruh_harian, 18),
                        (k.wiraswasta, 14),
                        (k.karyawan, 12),
                        (k.pedagang, 6),
                        (k.sopir, 3),
                        (k.tukang_batu, 3),
                        (k.tukang_kayu, 2),
                        (k.nelayan, 2),
                        (k.peternak, 1),
                        (k.belum, 3),
                        (k.perangkat, perangkat),
                    ],
                )
            }
            (false, false) => {
                let irt = if kawin == BELUM_KAWIN { 8 } else { 45 };
                pilih(
                    rng,
                    &[
                        (k.irt, irt),
                        (k.pedagang, 10),
                        (k.wiraswasta, 8),
                        (k.karyawan, 12),
                        (k.buruh_tani, 8),
                        (k.petani, 7),
                        (k.buruh_harian, 5),
                        (k.belum, 6),
                        (k.tukang_jahit, 2),
                    ],
                )
            }
        }
    }
}
