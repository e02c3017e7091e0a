//! Spellings of coded values as SIAK exports, a district's "buku induk" spreadsheets and older
//! OpenSID files write them, mapped to Balai's code lists (Dukcapil/OpenSID numbering).
//!
//! Data only: one table per code list, beside the list's own labels. A cell is matched by
//! `KodeList::cari_teks_dengan` over the labels and these spellings: case, spaces and
//! punctuation do not matter ("TDK/BLM SEKOLAH" = "Tdk / Blm Sekolah" = "TDK BLM SEKOLAH"), and
//! a spelling that could name two codes is never guessed. A cell that still matches nothing is
//! handled by [`bila_tak_dikenal`]: the list's own "unknown"/"other" entry, or a documented
//! neutral value, always with a warning (see `periksa`).

use balai_domain::KodeList;
use balai_domain::daftar::STATUS_DASAR;
use balai_domain::penduduk::daftar_kode;
use balai_domain::penduduk::kode;

/// Further spellings of one code list.
pub(crate) struct Padanan {
    /// The field (a `balai_domain::penduduk::KOLOM` name, or `status_dasar`).
    pub kunci: &'static str,
    pub ejaan: &'static [(i16, &'static str)],
    /// Texts that start with these letters (spaces and punctuation removed) take the code.
    pub awalan: &'static [(i16, &'static str)],
}

const fn p(
    kunci: &'static str,
    ejaan: &'static [(i16, &'static str)],
    awalan: &'static [(i16, &'static str)],
) -> Padanan {
    Padanan {
        kunci,
        ejaan,
        awalan,
    }
}

/// The tables, one per code list.
pub(crate) static PADANAN: &[Padanan] = &[
    p(
        "jenis_kelamin",
        &[
            (1, "L"),
            (1, "LK"),
            (1, "LAKI"),
            (1, "LAKI-LAKI"),
            (1, "LELAKI"),
            (1, "PRIA"),
            (2, "P"),
            (2, "PR"),
            (2, "PRP"),
            (2, "WANITA"),
        ],
        &[],
    ),
    p(
        "agama_id",
        &[
            (1, "MOSLEM"),
            (1, "MUSLIM"),
            (2, "PROTESTAN"),
            (2, "KRISTEN PROTESTAN"),
            (3, "KATOLIK"),
            (3, "KATHOLIK"),
            (3, "KATHOLIC"),
            (3, "KRISTEN KATOLIK"),
            (3, "KRISTEN KATHOLIK"),
            (4, "HINDHU"),
            (5, "BUDDHA"),
            (5, "BUDA"),
            (6, "KONGHUCU"),
            (6, "KHONGHUCHU"),
            (6, "KONGHUCHU"),
            (6, "KONG HU CU"),
            (6, "KHONG HU CU"),
            (6, "KONGHUCHU / KHONGHUCU"),
            (7, "KEPERCAYAAN"),
            (7, "ALIRAN KEPERCAYAAN"),
            (7, "LAINNYA"),
        ],
        &[(7, "KEPERCAYAAN")],
    ),
    p(
        "pendidikan_kk_id",
        &[
            (1, "TDK/BLM SEKOLAH"),
            (1, "TIDAK/BLM SEKOLAH"),
            (1, "TDK/BELUM SEKOLAH"),
            (1, "BELUM/TIDAK SEKOLAH"),
            (1, "BLM/TDK SEKOLAH"),
            (1, "TIDAK SEKOLAH"),
            (1, "BELUM SEKOLAH"),
            (1, "TIDAK PERNAH SEKOLAH"),
            (2, "TIDAK TAMAT SD/SEDERAJAT"),
            (2, "BLM TAMAT SD/SEDERAJAT"),
            (2, "BELUM TAMAT SD"),
            (2, "TIDAK TAMAT SD"),
            (2, "TDK TAMAT SD"),
            (3, "TAMAT SD"),
            (3, "SD"),
            (3, "SD/SEDERAJAT"),
            (3, "SD/MI"),
            (4, "SLTP"),
            (4, "SMP"),
            (4, "SMP/SEDERAJAT"),
            (4, "SMP/MTS"),
            (4, "SLTP / SEDERAJAT"),
            (5, "SLTA"),
            (5, "SMA"),
            (5, "SMK"),
            (5, "SMA/SEDERAJAT"),
            (5, "SMA/SMK"),
            (5, "SMA/MA"),
            (6, "DIPLOMA I"),
            (6, "DIPLOMA II"),
            (6, "D1"),
            (6, "D2"),
            (6, "D I"),
            (6, "D II"),
            (6, "D1/D2"),
            (7, "DIPLOMA III"),
            (7, "D3"),
            (7, "D III"),
            (7, "AKADEMI"),
            (7, "AKADEMI/DIPLOMA III/SARJANA MUDA"),
            (7, "SARJANA MUDA"),
            (8, "DIPLOMA IV"),
            (8, "D4"),
            (8, "S1"),
            (8, "STRATA I"),
            (8, "SARJANA"),
            (8, "DIPLOMA IV/S1"),
            (9, "S2"),
            (9, "MAGISTER"),
            (9, "STRATA 2"),
            (10, "S3"),
            (10, "DOKTOR"),
            (10, "STRATA 3"),
        ],
        &[],
    ),
    p(
        "pendidikan_sedang_id",
        &[
            (3, "BELUM PERNAH SEKOLAH"),
            (4, "SEDANG SD"),
            (6, "SEDANG SLTP"),
            (6, "SEDANG SMP"),
            (7, "SEDANG SLTA"),
            (7, "SEDANG SMA"),
            (18, "TDK SEDANG SEKOLAH"),
        ],
        &[],
    ),
    p(
        "pekerjaan_id",
        &[
            (1, "BLM/TDK BEKERJA"),
            (1, "BELUM/TDK BEKERJA"),
            (1, "TIDAK/BELUM BEKERJA"),
            (1, "TDK/BLM BEKERJA"),
            (1, "BELUM BEKERJA"),
            (1, "TIDAK BEKERJA"),
            (2, "MENGURUS RT"),
            (2, "IBU RUMAH TANGGA"),
            (2, "IRT"),
            (3, "PELAJAR"),
            (3, "MAHASISWA"),
            (3, "PELAJAR/MHS"),
            (4, "PENSIUN"),
            (4, "PURNAWIRAWAN"),
            (5, "PNS"),
            (5, "PEGAWAI NEGERI SIPIL"),
            (5, "PEGAWAI NEGERI"),
            (6, "TNI"),
            (7, "POLRI"),
            (7, "KEPOLISIAN RI"),
            (8, "DAGANG"),
            (9, "PETANI"),
            (9, "PEKEBUN"),
            (9, "PETANI PEKEBUN"),
            (10, "PETERNAKAN"),
            (11, "NELAYAN"),
            (11, "NELAYAN/PERIKANAN"),
            (15, "SWASTA"),
            (15, "KARYAWAN"),
            (15, "PEGAWAI SWASTA"),
            (15, "KARY. SWASTA"),
            (15, "KARY SWASTA"),
            (16, "BUMN"),
            (17, "BUMD"),
            (18, "HONORER"),
            (19, "BURUH"),
            (19, "BURUH HARIAN"),
            (19, "BURUH HARIAN LEPAS (BHL)"),
            (20, "BURUH TANI"),
            (21, "BURUH NELAYAN"),
            (23, "PRT"),
            (23, "ASISTEN RUMAH TANGGA"),
            (45, "USTADZ"),
            (45, "USTAD"),
            (45, "MUBALIGH"),
            (64, "DOSEN/GURU BESAR"),
            (81, "SUPIR"),
            (81, "SOPIR/DRIVER"),
            (84, "PEDAGANG KELILING"),
            (85, "PERANGKAT DESA/KELURAHAN"),
            (86, "KADES"),
            (88, "WIRAUSAHA"),
            (88, "WIRASWASTA/WIRAUSAHA"),
            (89, "LAIN-LAIN"),
            (89, "LAIN LAIN"),
        ],
        &[],
    ),
    p(
        "status_kawin_id",
        &[
            (1, "BK"),
            (1, "BLM KAWIN"),
            (1, "BELUM MENIKAH"),
            (1, "TIDAK KAWIN"),
            (2, "K"),
            (2, "KWN"),
            (2, "KAWIN TERCATAT"),
            (2, "KAWIN BELUM TERCATAT"),
            (2, "KAWIN TIDAK TERCATAT"),
            (2, "KAWIN TDK TERCATAT"),
            (2, "MENIKAH"),
            (2, "NIKAH"),
            (3, "CH"),
            (3, "CERAI HIDUP TERCATAT"),
            (3, "CERAI HIDUP BELUM TERCATAT"),
            (3, "CERAI HIDUP TIDAK TERCATAT"),
            (3, "CERAI"),
            (4, "CM"),
            (4, "CERAI MATI TERCATAT"),
            (4, "CERAI MATI BELUM TERCATAT"),
        ],
        &[],
    ),
    p(
        "shdk_id",
        &[
            (1, "KK"),
            (1, "KEPALA"),
            (1, "KEP. KELUARGA"),
            (1, "KEPALA KK"),
            (3, "ISTERI"),
            (4, "ANAK KANDUNG"),
            (4, "ANAK ANGKAT"),
            (4, "ANAK TIRI"),
            (7, "ORANG TUA"),
            (7, "ORTU"),
            (7, "AYAH"),
            (7, "IBU"),
            (9, "FAMILI LAINNYA"),
            (9, "FAMILI"),
            (10, "PEMBANTU RUMAH TANGGA"),
            (11, "LAIN-LAIN"),
        ],
        &[],
    ),
    p(
        "warganegara_id",
        &[
            (1, "INDONESIA"),
            (1, "WARGA NEGARA INDONESIA"),
            (2, "ASING"),
            (2, "WARGA NEGARA ASING"),
            (3, "GANDA"),
            (3, "KEWARGANEGARAAN GANDA"),
        ],
        &[],
    ),
    p(
        "golongan_darah_id",
        &[
            (5, "A POS"),
            (5, "A POSITIF"),
            (5, "A RH+"),
            (6, "A NEG"),
            (6, "A NEGATIF"),
            (6, "A RH-"),
            (7, "B POS"),
            (7, "B POSITIF"),
            (7, "B RH+"),
            (8, "B NEG"),
            (8, "B NEGATIF"),
            (8, "B RH-"),
            (9, "AB POS"),
            (9, "AB POSITIF"),
            (9, "AB RH+"),
            (10, "AB NEG"),
            (10, "AB NEGATIF"),
            (10, "AB RH-"),
            (11, "O POS"),
            (11, "O POSITIF"),
            (11, "O RH+"),
            (12, "O NEG"),
            (12, "O NEGATIF"),
            (12, "O RH-"),
            (13, "TDK TAHU"),
            (13, "TIDAK DIKETAHUI"),
            (13, "BELUM DIKETAHUI"),
            (13, "TIDAK TAU"),
        ],
        &[],
    ),
    p(
        "cacat_id",
        &[
            (1, "TUNA DAKSA"),
            (1, "CACAT TUBUH"),
            (2, "TUNA NETRA"),
            (2, "BUTA"),
            (3, "TUNA RUNGU"),
            (3, "TUNA WICARA"),
            (3, "TUNA RUNGU WICARA"),
            (4, "TUNA GRAHITA"),
            (4, "CACAT MENTAL"),
            (4, "CACAT JIWA"),
            (5, "CACAT GANDA"),
            (6, "LAINNYA"),
            (7, "TIDAK ADA"),
            (7, "TIDAK"),
            (7, "TDK CACAT"),
            (7, "NORMAL"),
        ],
        &[],
    ),
    p(
        "cara_kb_id",
        &[
            (2, "SPIRAL"),
            (2, "AKDR"),
            (5, "IMPLAN"),
            (5, "IMPLANT"),
            (5, "SUSUK"),
            (6, "MOW"),
            (6, "TUBEKTOMI"),
            (7, "MOP"),
            (7, "VASEKTOMI"),
        ],
        &[],
    ),
    p("hamil", &[(1, "YA"), (2, "TIDAK")], &[]),
    p(
        "ktp_el_id",
        &[
            (1, "BELUM PUNYA"),
            (1, "TIDAK"),
            (2, "SUDAH"),
            (2, "E-KTP"),
            (2, "KTP ELEKTRONIK"),
        ],
        &[],
    ),
    p(
        "status_rekam_id",
        &[
            (2, "BLM REKAM"),
            (3, "SDH REKAM"),
            (3, "SUDAH REKAM KTP-EL"),
        ],
        &[],
    ),
    p(
        "asuransi_id",
        &[
            (1, "TIDAK PUNYA"),
            (1, "BELUM PUNYA"),
            (1, "TIDAK ADA"),
            (2, "BPJS PBI"),
            (2, "PBI"),
            (2, "KIS"),
            (3, "BPJS NON PBI"),
            (3, "BPJS MANDIRI"),
            (3, "MANDIRI"),
            (4, "JAMKESDA"),
            (4, "BPJS DAERAH"),
            (99, "LAINNYA"),
        ],
        &[],
    ),
    p(
        "status_dasar",
        &[
            (1, "AKTIF"),
            (1, "ADA"),
            (2, "MENINGGAL"),
            (2, "MENINGGAL DUNIA"),
            (2, "WAFAT"),
            (2, "KEMATIAN"),
            (3, "PINDAH KELUAR"),
            (3, "PINDAH DALAM NEGERI"),
            (3, "PINDAH LUAR NEGERI"),
            (3, "PINDAH ANTAR DESA"),
            (3, "PINDAH ANTAR KECAMATAN"),
            (3, "PINDAH ANTAR KABUPATEN"),
            (3, "PINDAH ANTAR PROVINSI"),
            (4, "HILANG/TIDAK DIKETAHUI"),
            (9, "TDK VALID"),
        ],
        &[],
    ),
];

/// The code list of a field (`status_dasar` included).
pub(crate) fn daftar(kunci: &str) -> Option<&'static KodeList> {
    if kunci == "status_dasar" {
        return Some(&STATUS_DASAR);
    }
    daftar_kode(kunci)
}

fn padanan(kunci: &str) -> Option<&'static Padanan> {
    PADANAN.iter().find(|p| p.kunci == kunci)
}

/// The code of a cell: the number itself when the list has it, else a label or one of the
/// spellings above. `None` when nothing matches (the caller decides, see `bila_tak_dikenal`).
pub(crate) fn cari(kunci: &str, teks: &str) -> Option<i16> {
    let daftar = daftar(kunci)?;
    let t = teks.trim();
    if t.is_empty() {
        return None;
    }
    // "-" is how SIAK writes an unknown blood type.
    if kunci == "golongan_darah_id" && t == "-" {
        return Some(13);
    }
    if t.parse::<f64>().is_ok() {
        return daftar.dari_sel(t);
    }
    let tambah = padanan(kunci);
    let ejaan = tambah.map(|p| p.ejaan).unwrap_or(&[]);
    if let Some(k) = daftar.cari_teks_dengan(t, ejaan) {
        return Some(k);
    }
    let rapat = balai_domain::kode::normalkan(t);
    tambah?
        .awalan
        .iter()
        .find(|(_, a)| rapat.starts_with(&balai_domain::kode::normalkan(a)))
        .map(|(k, _)| *k)
}

/// What a coded cell that matches nothing becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BilaTakDikenal {
    /// The list's own "unknown"/"other" entry.
    Kode(i16),
    /// A required field whose list has no such entry: a neutral value, named in the warning
    /// with the reason.
    Netral(i16, &'static str),
    /// The sex from the NIK's date part (women: day + 40).
    DariNik,
    /// An optional field without an "unknown" entry: left empty.
    Kosong,
}

/// The rule per field for a value that is not in the code list. Never an error: the row is
/// imported and the cell named in a warning.
pub(crate) fn bila_tak_dikenal(kunci: &str) -> BilaTakDikenal {
    use BilaTakDikenal::*;
    match kunci {
        "jenis_kelamin" => DariNik,
        "agama_id" => Kode(7),
        "pekerjaan_id" => Kode(89),
        "shdk_id" => Kode(11),
        "golongan_darah_id" => Kode(13),
        "cacat_id" => Kode(6),
        "cara_kb_id" => Kode(99),
        "asuransi_id" => Kode(99),
        "warganegara_id" => Netral(kode::WNI, "nilai bawaan bila kolom ini kosong"),
        "pendidikan_kk_id" => Netral(
            kode::TIDAK_SEKOLAH,
            "daftar kode tidak mempunyai pilihan \"tidak diketahui\"; nilai yang sama dengan data bayi baru lahir",
        ),
        "status_kawin_id" => Netral(
            kode::BELUM_KAWIN,
            "daftar kode tidak mempunyai pilihan \"tidak diketahui\"; nilai yang sama dengan data bayi baru lahir",
        ),
        "status_dasar" => Netral(kode::HIDUP, "nilai bawaan bila kolom ini kosong"),
        _ => Kosong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every spelling of every table reads as its own code, and no spelling is read as another
    /// code because it looks like a label of the list.
    #[test]
    fn setiap_ejaan_terbaca_sebagai_kodenya() {
        for p in PADANAN {
            let d = daftar(p.kunci).unwrap_or_else(|| panic!("{} has a code list", p.kunci));
            for (k, e) in p.ejaan {
                assert!(d.ada(*k), "{}: code {k} exists", p.kunci);
                assert_eq!(cari(p.kunci, e), Some(*k), "{}: {e}", p.kunci);
            }
        }
    }

    #[test]
    fn aturan_tak_dikenal_menunjuk_kode_yang_ada() {
        for p in PADANAN {
            let d = daftar(p.kunci).unwrap();
            match bila_tak_dikenal(p.kunci) {
                BilaTakDikenal::Kode(k) | BilaTakDikenal::Netral(k, _) => {
                    assert!(d.ada(k), "{}: {k}", p.kunci)
                }
                BilaTakDikenal::DariNik | BilaTakDikenal::Kosong => {}
            }
        }
        assert_eq!(
            cari("agama_id", "Kepercayaan Terhadap Tuhan Yang Maha Esa"),
            Some(7)
        );
    }

    fn semua(kunci: &str, kasus: &[(&str, i16)]) {
        for (t, k) in kasus {
            assert_eq!(cari(kunci, t), Some(*k), "{kunci}: {t:?}");
        }
    }

    #[test]
    fn jenis_kelamin() {
        semua(
            "jenis_kelamin",
            &[
                ("LK", 1),
                ("L", 1),
                ("LAKI-LAKI", 1),
                ("Laki Laki", 1),
                ("laki-laki", 1),
                ("1", 1),
                ("PR", 2),
                ("P", 2),
                ("PEREMPUAN", 2),
                ("Perempuan ", 2),
                ("2", 2),
            ],
        );
        assert_eq!(cari("jenis_kelamin", "X"), None);
    }

    #[test]
    fn status_kawin() {
        semua(
            "status_kawin_id",
            &[
                ("BELUM KAWIN", 1),
                ("BLM KAWIN", 1),
                ("Blm. Kawin", 1),
                ("KAWIN", 2),
                ("KAWIN TERCATAT", 2),
                ("KAWIN BELUM TERCATAT", 2),
                ("Kawin  Tercatat", 2),
                ("CERAI HIDUP", 3),
                ("CERAI HIDUP TERCATAT", 3),
                ("CERAI MATI", 4),
                ("Cerai Mati", 4),
            ],
        );
    }

    #[test]
    fn pendidikan_dalam_kk() {
        semua(
            "pendidikan_kk_id",
            &[
                ("TIDAK / BELUM SEKOLAH", 1),
                ("TDK/BLM SEKOLAH", 1),
                ("Tdk / Blm Sekolah", 1),
                ("BELUM TAMAT SD/SEDERAJAT", 2),
                ("TAMAT SD / SEDERAJAT", 3),
                ("SLTP/SEDERAJAT", 4),
                ("SLTA/SEDERAJAT", 5),
                ("SLTA / SEDERAJAT", 5),
                ("DIPLOMA I/II", 6),
                ("DIPLOMA I / II", 6),
                ("AKADEMI/DIPLOMA III/S. MUDA", 7),
                ("AKADEMI/ DIPLOMA III/S. MUDA", 7),
                ("DIPLOMA III", 7),
                ("DIPLOMA IV/STRATA I", 8),
                ("DIPLOMA IV/ STRATA I", 8),
                ("STRATA II", 9),
                ("STRATA III", 10),
                ("S1", 8),
            ],
        );
        // Same letters as both "DIPLOMA I/II" and "DIPLOMA III": not guessed.
        assert_eq!(cari("pendidikan_kk_id", "DIPLOMAIII"), None);
    }

    #[test]
    fn pendidikan_sedang() {
        semua(
            "pendidikan_sedang_id",
            &[
                ("TIDAK SEDANG SEKOLAH", 18),
                ("SEDANG SD/SEDERAJAT", 4),
                ("SEDANG  D-1/SEDERAJAT", 8),
                ("SEDANG SMP", 6),
            ],
        );
    }

    #[test]
    fn pekerjaan() {
        semua(
            "pekerjaan_id",
            &[
                ("BELUM/TIDAK BEKERJA", 1),
                ("Belum / Tidak Bekerja", 1),
                ("MENGURUS RUMAH TANGGA", 2),
                ("PELAJAR/MAHASISWA", 3),
                ("PETANI/PEKEBUN", 9),
                ("Petani / Pekebun", 9),
                ("KARYAWAN SWASTA", 15),
                ("BURUH HARIAN LEPAS", 19),
                ("WIRASWASTA", 88),
                ("PNS", 5),
                ("LAINNYA", 89),
            ],
        );
    }

    #[test]
    fn hubungan_dalam_keluarga() {
        semua(
            "shdk_id",
            &[
                ("KEPALA KELUARGA", 1),
                ("Kepala Keluarga", 1),
                ("SUAMI", 2),
                ("ISTRI", 3),
                ("ANAK", 4),
                ("MENANTU", 5),
                ("CUCU", 6),
                ("ORANG TUA", 7),
                ("ORANGTUA", 7),
                ("MERTUA", 8),
                ("FAMILI LAIN", 9),
                ("FAMILI LAINNYA", 9),
                ("PEMBANTU", 10),
                ("LAINNYA", 11),
            ],
        );
    }

    #[test]
    fn agama() {
        semua(
            "agama_id",
            &[
                ("ISLAM", 1),
                ("Islam", 1),
                ("KRISTEN", 2),
                ("KATHOLIK", 3),
                ("KATOLIK", 3),
                ("HINDU", 4),
                ("BUDHA", 5),
                ("BUDDHA", 5),
                ("KHONGHUCU", 6),
                ("KONGHUCU", 6),
                ("KEPERCAYAAN", 7),
                ("KEPERCAYAAN TERHADAP TUHAN YME", 7),
            ],
        );
    }

    #[test]
    fn golongan_darah() {
        semua(
            "golongan_darah_id",
            &[
                ("A", 1),
                ("B", 2),
                ("AB", 3),
                ("O", 4),
                ("A+", 5),
                ("A-", 6),
                ("B+", 7),
                ("B-", 8),
                ("AB+", 9),
                ("AB-", 10),
                ("O+", 11),
                ("O-", 12),
                ("o +", 11),
                ("TIDAK TAHU", 13),
                ("Tidak Tahu", 13),
                ("-", 13),
                ("A POSITIF", 5),
            ],
        );
    }

    #[test]
    fn kewarganegaraan_disabilitas_kb_hamil_ktp_rekam_asuransi() {
        semua(
            "warganegara_id",
            &[("WNI", 1), ("Indonesia", 1), ("WNA", 2)],
        );
        semua(
            "cacat_id",
            &[
                ("TIDAK CACAT", 7),
                ("TIDAK ADA", 7),
                ("CACAT NETRA/BUTA", 2),
            ],
        );
        semua("cara_kb_id", &[("Pil", 1), ("SPIRAL", 2), ("Susuk KB", 5)]);
        semua("hamil", &[("HAMIL", 1), ("TIDAK HAMIL", 2), ("Ya", 1)]);
        semua("ktp_el_id", &[("KTP-EL", 2), ("KTP EL", 2), ("BELUM", 1)]);
        semua(
            "status_rekam_id",
            &[("BELUM WAJIB", 1), ("SUDAH REKAM", 3), ("CARD PRINTED", 4)],
        );
        semua("asuransi_id", &[("TIDAK/BELUM PUNYA", 1), ("BPJS PBI", 2)]);
    }

    #[test]
    fn status_dasar() {
        semua(
            "status_dasar",
            &[
                ("HIDUP", 1),
                ("Aktif", 1),
                ("MATI", 2),
                ("MENINGGAL", 2),
                ("PINDAH", 3),
                ("PINDAH DALAM NEGERI", 3),
                ("HILANG", 4),
                ("PERGI", 6),
                ("TIDAK VALID", 9),
                ("2", 2),
            ],
        );
    }
}
