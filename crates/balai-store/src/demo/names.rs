//! Name and place lists for the demo population: Javanese/Indonesian given names by generation,
//! hamlet names, Central Java towns and destinations of people who moved away.

use rand::Rng;

/// Men born before about 1965: mostly one Javanese word.
const PRIA_LAMA: &[&str] = &[
    "SUTRISNO",
    "SUPARDI",
    "SLAMET",
    "SUGENG",
    "PAIMIN",
    "KASMIN",
    "TARJO",
    "WAGIMAN",
    "SUKIRMAN",
    "CASMADI",
    "DARSONO",
    "WARSITO",
    "KUSNADI",
    "SUPRIYADI",
    "RASMAN",
    "TARMUJI",
    "SUPARMAN",
    "KARSONO",
    "SUMARNO",
    "MUJIONO",
    "SAMIDI",
    "PARDI",
    "SANUSI",
    "KHAMID",
    "SAMSURI",
    "DULKHADI",
    "WARDOYO",
    "SAMINO",
    "RUSDI",
    "TASLIM",
    "KARMIN",
    "SUDARNO",
    "JUMADI",
    "SARIMIN",
    "TURAH",
    "WAKIDI",
];

/// Two-word Islamic names of the same generation (MOH. SOLEH, ABDUL ROHMAN).
const PRIA_LAMA_DEPAN: &[&str] = &["MOH.", "ABDUL", "AHMAD", "MUHAMMAD"];
const PRIA_LAMA_BELAKANG: &[&str] = &[
    "SOLEH", "ROHMAN", "ROSYID", "DAHLAN", "MUNIR", "SYUKUR", "KHOLIL", "ZAENAL",
];

/// Men born about 1965–1994.
const PRIA_MADYA: &[&str] = &[
    "AGUS", "BUDI", "EKO", "JOKO", "HERI", "BAMBANG", "ARIF", "SUSANTO", "DWI", "TRI", "HENDRA",
    "RUDI", "TEGUH", "WAHYU", "ANDI", "SLAMET", "IMAM", "AHMAD", "NUR", "FAJAR", "YULIANTO",
    "SUGIANTO", "ADI", "TAUFIK", "KHOIRUL", "MUHAMMAD", "ANTON", "YUSUF", "RIYANTO", "ROKHIM",
    "SAIFUL", "DONI",
];
const PRIA_MADYA_BELAKANG: &[&str] = &[
    "SANTOSO",
    "PRASETYO",
    "SETIAWAN",
    "WIBOWO",
    "PURNOMO",
    "HIDAYAT",
    "SAPUTRO",
    "NUGROHO",
    "KURNIAWAN",
    "SUSILO",
    "HARTONO",
    "PRIYONO",
    "MULYONO",
    "RAHMAN",
    "ARIFIN",
    "SUTRISNO",
    "WALUYO",
    "SUPRIYANTO",
    "ISKANDAR",
    "FAUZI",
];

/// Men born from about 1995.
const PRIA_BARU: &[&str] = &[
    "MUHAMMAD", "AHMAD", "RIZKY", "FARHAN", "ALDI", "FAJAR", "RAFI", "DAFFA", "ARKAN", "ZIDAN",
    "KEVIN", "DIMAS", "BAYU", "ADITYA", "REZA", "ILHAM", "GILANG", "DANU", "RAFFA", "ALIF",
    "NAUFAL", "AZKA", "FATIH", "HAFIZ", "RANGGA", "YOGA", "BIMA", "SATRIA", "RAIHAN", "AKBAR",
    "FIKRI", "NABIL", "RENDI", "ARDI", "ALVIN", "DAVIN",
];
const PRIA_BARU_BELAKANG: &[&str] = &[
    "PRATAMA",
    "SAPUTRA",
    "RAMADHAN",
    "MAULANA",
    "FIRMANSYAH",
    "NUGRAHA",
    "HIDAYAT",
    "AKBAR",
    "ALFARIZI",
    "PERMANA",
    "WIJAYA",
    "SYAHPUTRA",
    "ADITYA",
    "FEBRIAN",
    "RIZKY",
    "HAKIM",
    "ANDIKA",
];

/// Women born before about 1965.
const WANITA_LAMA: &[&str] = &[
    "SUMIYATI", "PAINAH", "SAROH", "KASMINI", "TARMINAH", "WARSINI", "SUPARTI", "SUKINAH",
    "RUKAYAH", "KARSIH", "TARSIH", "WAGINAH", "SUMINAH", "KATMI", "SALIMAH", "ROSIDAH", "KHOTIJAH",
    "MARIYAM", "SUWARTI", "JUMINAH", "SUTINAH", "DARMI", "WASRIPAH", "TUMINAH", "SAMINAH",
    "RASMINI", "KASWATI", "ASIYAH", "SARMI", "WARTINI",
];
const WANITA_LAMA_SITI: &[&str] = &[
    "AMINAH",
    "KHOTIJAH",
    "MUNAWAROH",
    "MASITOH",
    "FATIMAH",
    "ROMLAH",
];

/// Women born about 1965–1994.
const WANITA_MADYA: &[&str] = &[
    "SRI",
    "ENDANG",
    "DWI",
    "TRI",
    "NUR",
    "RETNO",
    "YULI",
    "WIWIK",
    "NINING",
    "SITI",
    "EKA",
    "UMI",
    "LILIS",
    "RINA",
    "DEWI",
    "ERNA",
    "SUSI",
    "YANI",
    "NOVI",
    "INDAH",
    "FITRI",
    "RATNA",
    "TUTIK",
    "ANIK",
    "ISTIQOMAH",
    "KHOIRUN",
    "MUSLIKHAH",
    "NURUL",
    "ROHMAH",
    "WATI",
];
const WANITA_MADYA_BELAKANG: &[&str] = &[
    "LESTARI",
    "WAHYUNI",
    "RAHAYU",
    "HANDAYANI",
    "SUSANTI",
    "WULANDARI",
    "MULYANI",
    "ASTUTI",
    "PURWANTI",
    "SETYOWATI",
    "NINGSIH",
    "KURNIASIH",
    "AMINAH",
    "FATIMAH",
    "HIDAYAH",
    "SAFITRI",
    "YULIANTI",
    "RAHMAWATI",
    "ANGGRAENI",
    "PUSPITASARI",
];

/// Women born from about 1995.
const WANITA_BARU: &[&str] = &[
    "ANISA",
    "NABILA",
    "AULIA",
    "ZAHRA",
    "SALSABILA",
    "KEYSHA",
    "AQILA",
    "NAYLA",
    "AZZAHRA",
    "PUTRI",
    "ALYA",
    "NADIA",
    "SHINTA",
    "DINDA",
    "CITRA",
    "AYU",
    "DEVI",
    "FITRIA",
    "KHANZA",
    "ALIFA",
    "NAURA",
    "ZASKIA",
    "RISKA",
    "INTAN",
    "MAYA",
    "TIARA",
    "SEKAR",
    "LAILA",
    "AMELIA",
    "NUR",
];
const WANITA_BARU_BELAKANG: &[&str] = &[
    "PUTRI",
    "RAMADHANI",
    "AZZAHRA",
    "SAFITRI",
    "LESTARI",
    "NURAINI",
    "FEBRIANTI",
    "PERMATASARI",
    "KHAIRUNNISA",
    "MAHARANI",
    "AULIA",
    "OKTAVIANI",
    "WULANDARI",
    "ANGGRAINI",
    "SALSABILA",
    "HIDAYAH",
    "ZAHIRA",
];

/// Baptismal names that Christian families in Central Java put first.
const BAPTIS_PRIA: &[&str] = &[
    "YOHANES",
    "PETRUS",
    "ANTONIUS",
    "YOSEF",
    "FRANSISKUS",
    "STEFANUS",
];
const BAPTIS_WANITA: &[&str] = &[
    "MARIA",
    "THERESIA",
    "MAGDALENA",
    "MARTHA",
    "CHRISTINA",
    "AGUSTINA",
];

/// Words a Christian family would not give; redrawn for them.
const KHAS_ISLAM: &[&str] = &[
    "MUHAMMAD",
    "MOH.",
    "AHMAD",
    "ABDUL",
    "SITI",
    "NUR",
    "NURUL",
    "KHOIRUL",
    "KHOIRUN",
    "SAIFUL",
    "ISTIQOMAH",
    "MUSLIKHAH",
    "KHOTIJAH",
    "FATIMAH",
    "AMINAH",
    "HIDAYAH",
    "ROHMAH",
    "IMAM",
    "KHAMID",
    "ROKHIM",
    "ASIYAH",
    "SALIMAH",
    "RUKAYAH",
    "MARIYAM",
    "SAROH",
    "YUSUF",
    "FAUZI",
    "RAHMAN",
    "HIDAYAT",
    "HAKIM",
    "HAFIZ",
    "FATIH",
    "KHANZA",
    "AZZAHRA",
    "ZAHRA",
    "ZAHIRA",
    "KHAIRUNNISA",
    "AQILA",
    "RAMADHAN",
    "RAMADHANI",
    "MAULANA",
    "ALFARIZI",
];

fn satu<'a, R: Rng + ?Sized>(rng: &mut R, daftar: &[&'a str]) -> &'a str {
    daftar[rng.random_range(0..daftar.len())]
}

/// A full name (upper case) for someone of the given sex born in `tahun_lahir`.
///
/// The generation is blurred by a few years so that name fashions overlap as they do in life.
pub fn nama<R: Rng + ?Sized>(rng: &mut R, laki: bool, tahun_lahir: i32, islam: bool) -> String {
    if !islam {
        let baptis = satu(rng, if laki { BAPTIS_PRIA } else { BAPTIS_WANITA });
        // A bounded redraw keeps generation time flat; the fallback is a neutral Javanese name.
        for _ in 0..8 {
            let n = nama_islam_atau_jawa(rng, laki, tahun_lahir);
            if n.split(' ').all(|k| !KHAS_ISLAM.contains(&k)) {
                let kata: Vec<&str> = n.split(' ').collect();
                return format!("{baptis} {}", kata[kata.len() - 1]);
            }
        }
        return format!("{baptis} {}", if laki { "SUSANTO" } else { "LESTARI" });
    }
    nama_islam_atau_jawa(rng, laki, tahun_lahir)
}

fn nama_islam_atau_jawa<R: Rng + ?Sized>(rng: &mut R, laki: bool, tahun_lahir: i32) -> String {
    let tahun = tahun_lahir + rng.random_range(-7..=7);
    match (laki, tahun) {
        (true, ..1965) => {
            if rng.random_bool(0.22) {
                format!(
                    "{} {}",
                    satu(rng, PRIA_LAMA_DEPAN),
                    satu(rng, PRIA_LAMA_BELAKANG)
                )
            } else {
                satu(rng, PRIA_LAMA).to_string()
            }
        }
        (true, 1965..1995) => dua_kata(rng, PRIA_MADYA, PRIA_MADYA_BELAKANG, 0.55),
        (true, _) => {
            if rng.random_bool(0.18) {
                let depan = if rng.random_bool(0.7) {
                    "MUHAMMAD"
                } else {
                    "AHMAD"
                };
                let tengah = satu(rng, &PRIA_BARU[2..]);
                format!("{depan} {tengah} {}", beda(rng, PRIA_BARU_BELAKANG, tengah))
            } else {
                dua_kata(rng, PRIA_BARU, PRIA_BARU_BELAKANG, 0.85)
            }
        }
        (false, ..1965) => {
            if rng.random_bool(0.2) {
                format!("SITI {}", satu(rng, WANITA_LAMA_SITI))
            } else {
                satu(rng, WANITA_LAMA).to_string()
            }
        }
        (false, 1965..1995) => dua_kata(rng, WANITA_MADYA, WANITA_MADYA_BELAKANG, 0.7),
        (false, _) => {
            if rng.random_bool(0.2) {
                let depan = satu(rng, WANITA_BARU);
                let tengah = beda(rng, WANITA_BARU_BELAKANG, depan);
                let akhir = beda(rng, WANITA_BARU_BELAKANG, tengah);
                if akhir == depan {
                    format!("{depan} {tengah}")
                } else {
                    format!("{depan} {tengah} {akhir}")
                }
            } else {
                dua_kata(rng, WANITA_BARU, WANITA_BARU_BELAKANG, 0.85)
            }
        }
    }
}

fn dua_kata<R: Rng + ?Sized>(rng: &mut R, depan: &[&str], belakang: &[&str], p_dua: f64) -> String {
    let d = satu(rng, depan);
    if rng.random_bool(p_dua) {
        format!("{d} {}", beda(rng, belakang, d))
    } else {
        d.to_string()
    }
}

/// A word from `daftar` other than `bukan` (the lists are long, so two tries nearly always do).
fn beda<'a, R: Rng + ?Sized>(rng: &mut R, daftar: &[&'a str], bukan: &str) -> &'a str {
    let a = satu(rng, daftar);
    if a != bukan {
        return a;
    }
    daftar
        .iter()
        .copied()
        .find(|k| *k != bukan)
        .expect("name lists have more than one word")
}

/// Hamlet names common in Central Java; the first is the village centre.
pub const DUSUN: &[&str] = &[
    "KRAJAN",
    "KAUMAN",
    "SIDOREJO",
    "NGEMPLAK",
    "BANJARSARI",
    "KARANGANYAR",
    "SIDOMULYO",
    "SUKOREJO",
    "KARANGREJO",
    "TEGALSARI",
    "SEMBUNGAN",
    "PLOSOREJO",
    "GUNUNGSARI",
    "KEDUNGSARI",
    "WONOREJO",
    "SUMBERSARI",
    "SIDOMUKTI",
    "KALIREJO",
    "BANARAN",
    "PUCANGSARI",
    "JATISARI",
    "CEPOKO",
    "KARANGASEM",
    "GEDONG",
    "PENDEM",
    "NGALIAN",
    "MOJOSARI",
    "SAWAHAN",
    "TAMBAKREJO",
    "SIDOKARTO",
    "KLAMPOK",
    "LEMAHABANG",
    "PESANTREN",
    "DUKUHSARI",
    "WATUSARI",
    "GEBANGAN",
];

/// Towns of Central Java (and a few beyond) written as birth places.
pub const KOTA_LAHIR: &[&str] = &[
    "BATANG",
    "PEKALONGAN",
    "KENDAL",
    "SEMARANG",
    "PEMALANG",
    "TEGAL",
    "BREBES",
    "TEMANGGUNG",
    "WONOSOBO",
    "BANJARNEGARA",
    "MAGELANG",
    "KUDUS",
    "DEMAK",
    "JEPARA",
    "SALATIGA",
    "SURAKARTA",
    "JAKARTA",
    "BANDUNG",
];

/// The town that gives a Central Java regency or city its name, by its 4-digit code.
pub fn kota_kabupaten(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "3301" => "CILACAP",
        "3302" => "BANYUMAS",
        "3303" => "PURBALINGGA",
        "3304" => "BANJARNEGARA",
        "3305" => "KEBUMEN",
        "3306" => "PURWOREJO",
        "3307" => "WONOSOBO",
        "3308" | "3371" => "MAGELANG",
        "3309" => "BOYOLALI",
        "3310" => "KLATEN",
        "3311" => "SUKOHARJO",
        "3312" => "WONOGIRI",
        "3313" => "KARANGANYAR",
        "3314" => "SRAGEN",
        "3315" => "GROBOGAN",
        "3316" => "BLORA",
        "3317" => "REMBANG",
        "3318" => "PATI",
        "3319" => "KUDUS",
        "3320" => "JEPARA",
        "3321" => "DEMAK",
        "3322" | "3374" => "SEMARANG",
        "3323" => "TEMANGGUNG",
        "3324" => "KENDAL",
        "3325" => "BATANG",
        "3326" | "3375" => "PEKALONGAN",
        "3327" => "PEMALANG",
        "3328" | "3376" => "TEGAL",
        "3329" => "BREBES",
        "3372" => "SURAKARTA",
        "3373" => "SALATIGA",
        _ => return None,
    })
}

/// Where people who left went: nearby towns, the provincial capital, Jabodetabek.
pub const TUJUAN_PINDAH: &[&str] = &[
    "KEL. PROYONANGGAN UTARA, KEC. BATANG, KAB. BATANG",
    "KEL. KAUMAN, KEC. BATANG, KAB. BATANG",
    "KEL. KASEPUHAN, KEC. BATANG, KAB. BATANG",
    "DS. TULIS, KEC. TULIS, KAB. BATANG",
    "DS. LIMPUNG, KEC. LIMPUNG, KAB. BATANG",
    "DS. SUBAH, KEC. SUBAH, KAB. BATANG",
    "KEL. PODOSUGIH, KEC. PEKALONGAN BARAT, KOTA PEKALONGAN",
    "KEL. LANGENHARJO, KEC. KENDAL, KAB. KENDAL",
    "KEL. TLOGOSARI KULON, KEC. PEDURUNGAN, KOTA SEMARANG",
    "KEL. TEMBALANG, KEC. TEMBALANG, KOTA SEMARANG",
    "KEL. CAKUNG BARAT, KEC. CAKUNG, KOTA ADM. JAKARTA TIMUR",
    "KEL. PENJARINGAN, KEC. PENJARINGAN, KOTA ADM. JAKARTA UTARA",
    "KEL. CIBODAS, KEC. CIBODAS, KOTA TANGERANG",
    "DS. CIKARANG KOTA, KEC. CIKARANG UTARA, KAB. BEKASI",
];

/// Mobile number prefixes of the big Indonesian operators.
pub const AWALAN_HP: &[&str] = &[
    "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0858", "0877", "0878", "0895",
    "0896", "0881",
];
