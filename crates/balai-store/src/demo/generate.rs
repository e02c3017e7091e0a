//! A deterministic, realistic demo population for a village: families on a KK, each with a head,
//! spouse, children and sometimes grandparents or grandchildren, spread over dusun/RW/RT.
//!
//! Pure: no IO, no clock (the plan carries "today"). The same plan always gives the same output,
//! family by family, so a million residents can be streamed in chunks with constant memory.
//! NIKs and KK numbers are unique by construction: their serial is a counter per
//! (region, date part), never a search over earlier numbers.

mod keluarga;
mod peristiwa;
mod sifat;
#[cfg(test)]
mod tests;

use super::names;
use balai_domain::daftar::PEKERJAAN;
use balai_domain::penduduk::{DataPenduduk, umur};
use balai_domain::{KodeDesa, Nik, NoKk};
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoPlan {
    pub desa: KodeDesa,
    /// Number of residents, exactly.
    pub penduduk: usize,
    pub seed: u64,
    /// The generation date: nobody is born after it, events happen before it.
    pub hari_ini: NaiveDate,
}

/// A vital event to record after the residents are inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoEvent {
    pub nik: String,
    pub jenis: JenisDemo,
    pub tanggal: NaiveDate,
    pub keterangan: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JenisDemo {
    Mati,
    PindahKeluar { tujuan: String },
    Lahir,
}

#[derive(Debug, Clone)]
pub struct DemoData {
    /// Every RT of the village as (dusun, rw, rt); each holds at least one family.
    pub struktur: Vec<(String, String, String)>,
    /// Everyone, alive at generation time; families are contiguous, head first.
    pub penduduk: Vec<DataPenduduk>,
    /// Deaths, moves out and births, ordered by date.
    pub peristiwa: Vec<DemoEvent>,
}

/// Generates the whole population in memory.
pub fn generate(plan: &DemoPlan) -> DemoData {
    let mut g = Pembangkit::baru(plan);
    let struktur = g.struktur();
    let mut penduduk = Vec::with_capacity(plan.penduduk);
    let mut peristiwa = Vec::new();
    while let Some((orang, kejadian)) = g.keluarga_berikut() {
        penduduk.extend(orang);
        peristiwa.extend(kejadian);
    }
    peristiwa.sort_by(|a, b| (a.tanggal, &a.nik).cmp(&(b.tanggal, &b.nik)));
    DemoData {
        struktur,
        penduduk,
        peristiwa,
    }
}

/// Streams the same residents as [`generate`] in chunks of at least `chunk` residents (the last
/// may be smaller). A family is never split across chunks.
pub fn generate_chunks(plan: &DemoPlan, chunk: usize, f: &mut dyn FnMut(&[DataPenduduk])) {
    generate_chunks_dengan_peristiwa(plan, chunk, &mut |p, _| f(p));
}

/// Like [`generate_chunks`], also passing the events of the residents in each chunk.
pub fn generate_chunks_dengan_peristiwa(
    plan: &DemoPlan,
    chunk: usize,
    f: &mut dyn FnMut(&[DataPenduduk], &[DemoEvent]),
) {
    let chunk = chunk.max(1);
    let mut g = Pembangkit::baru(plan);
    let mut buf: Vec<DataPenduduk> = Vec::with_capacity(chunk + 16);
    let mut ev: Vec<DemoEvent> = Vec::new();
    while let Some((orang, kejadian)) = g.keluarga_berikut() {
        buf.extend(orang);
        ev.extend(kejadian);
        if buf.len() >= chunk {
            f(&buf, &ev);
            buf.clear();
            ev.clear();
        }
    }
    if !buf.is_empty() {
        f(&buf, &ev);
    }
}

/// Every RT the plan will use, as in [`DemoData::struktur`], without generating residents.
pub fn struktur(plan: &DemoPlan) -> Vec<(String, String, String)> {
    tata_letak(plan)
        .into_iter()
        .map(|s| (s.dusun, s.rw, s.rt))
        .collect()
}

// Dukcapil/OpenSID codes (checked against the code lists in the tests).
use balai_domain::penduduk::kode::{
    ANAK, BELUM_KAWIN, CERAI_HIDUP, CERAI_MATI, CUCU, FAMILI_LAIN, ISLAM, ISTRI, KATHOLIK, KAWIN,
    KEPALA_KELUARGA as KEPALA, KRISTEN, MENANTU, MERTUA, ORANGTUA,
};

const WARGA_PER_RT: f64 = 165.0;

/// One RT and the resident index (exclusive) up to which families are placed in it.
struct SlotRt {
    dusun: String,
    rw: String,
    rt: String,
    batas: usize,
}

/// Dusun, RW and RT of the village, scaled to its size; each RT receives a share of residents
/// large enough that it always holds several families.
fn tata_letak(plan: &DemoPlan) -> Vec<SlotRt> {
    let n = plan.penduduk;
    let mut rng = StdRng::seed_from_u64(plan.seed ^ 0x7A7A_1E7A_D05E_0001);
    let n_rt = ((n as f64 / WARGA_PER_RT).round() as usize).max(1);
    let n_dusun = if n <= 5000 {
        ((n as f64 / 550.0).round() as usize).clamp(3, 6)
    } else {
        n / 600
    }
    .min(n_rt);
    let n_rw = ((n_rt as f64 / 3.0).round() as usize)
        .max(n_dusun)
        .min(n_rt);

    let rw_per_dusun = bagi_rata(&mut rng, n_rw, n_dusun);
    let rt_per_rw = bagi_rata(&mut rng, n_rt, n_rw);

    let mut nama_dusun: Vec<&str> = names::DUSUN.to_vec();
    // Krajan (the centre) stays first; the others are shuffled per seed.
    for i in (2..nama_dusun.len()).rev() {
        let j = rng.random_range(1..=i);
        nama_dusun.swap(i, j);
    }

    let bobot: Vec<f64> = (0..n_rt).map(|_| rng.random_range(0.75..1.25)).collect();
    let total: f64 = bobot.iter().sum();
    let mut slot = Vec::with_capacity(n_rt);
    let mut kumulatif = 0.0;
    let mut rw_no = 0usize;
    let mut rt_idx = 0usize;
    for (d, &jml_rw) in rw_per_dusun.iter().enumerate() {
        let dasar = nama_dusun[d % nama_dusun.len()];
        let dusun = match d / nama_dusun.len() {
            0 => dasar.to_string(),
            k => format!("{dasar} {}", romawi(k + 1)),
        };
        for _ in 0..jml_rw {
            let rw = format!("{:03}", rw_no + 1);
            for r in 0..rt_per_rw[rw_no] {
                kumulatif += bobot[rt_idx];
                let batas = if rt_idx + 1 == n_rt {
                    n
                } else {
                    ((kumulatif / total) * n as f64).round() as usize
                };
                slot.push(SlotRt {
                    dusun: dusun.clone(),
                    rw: rw.clone(),
                    rt: format!("{:03}", r + 1),
                    batas,
                });
                rt_idx += 1;
            }
            rw_no += 1;
        }
    }
    slot
}

/// Splits `jumlah` units over `wadah` containers nearly evenly (each gets at least one), with
/// some containers a unit larger or smaller, as real villages are uneven.
fn bagi_rata(rng: &mut StdRng, jumlah: usize, wadah: usize) -> Vec<usize> {
    let mut v = vec![jumlah / wadah; wadah];
    for _ in 0..jumlah % wadah {
        v[rng.random_range(0..wadah)] += 1;
    }
    for _ in 0..wadah / 2 {
        let (a, b) = (rng.random_range(0..wadah), rng.random_range(0..wadah));
        if v[a] > 1 {
            v[a] -= 1;
            v[b] += 1;
        }
    }
    v
}

fn romawi(mut n: usize) -> String {
    const NILAI: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, h) in NILAI {
        while n >= v {
            s.push_str(h);
            n -= v;
        }
    }
    s
}

/// Occupation codes looked up by label, so a renumbered list cannot silently mislabel people.
struct Kerja {
    belum: i16,
    irt: i16,
    pelajar: i16,
    pensiunan: i16,
    pns: i16,
    petani: i16,
    peternak: i16,
    nelayan: i16,
    karyawan: i16,
    buruh_harian: i16,
    buruh_tani: i16,
    tukang_batu: i16,
    tukang_kayu: i16,
    tukang_jahit: i16,
    guru: i16,
    bidan: i16,
    perawat: i16,
    sopir: i16,
    pedagang: i16,
    perangkat: i16,
    wiraswasta: i16,
}

impl Kerja {
    fn baru() -> Self {
        let k = |s: &str| {
            PEKERJAAN
                .cari_teks(s)
                .expect("label is in the PEKERJAAN list")
        };
        Kerja {
            belum: k("BELUM/TIDAK BEKERJA"),
            irt: k("MENGURUS RUMAH TANGGA"),
            pelajar: k("PELAJAR/MAHASISWA"),
            pensiunan: k("PENSIUNAN"),
            pns: k("PEGAWAI NEGERI SIPIL (PNS)"),
            petani: k("PETANI/PEKEBUN"),
            peternak: k("PETERNAK"),
            nelayan: k("NELAYAN/PERIKANAN"),
            karyawan: k("KARYAWAN SWASTA"),
            buruh_harian: k("BURUH HARIAN LEPAS"),
            buruh_tani: k("BURUH TANI/PERKEBUNAN"),
            tukang_batu: k("TUKANG BATU"),
            tukang_kayu: k("TUKANG KAYU"),
            tukang_jahit: k("TUKANG JAHIT"),
            guru: k("GURU"),
            bidan: k("BIDAN"),
            perawat: k("PERAWAT"),
            sopir: k("SOPIR"),
            pedagang: k("PEDAGANG"),
            perangkat: k("PERANGKAT DESA"),
            wiraswasta: k("WIRASWASTA"),
        }
    }
}

/// Where a member's father or mother comes from.
#[derive(Clone, Copy)]
enum Induk {
    /// Another member of the same family (index).
    Anggota(usize),
    /// A parent outside the KK shared by several members, e.g. a widow's late husband (index
    /// into the family's list of outside parents).
    Luar(usize),
    /// Nobody else in the family shares this parent: a fresh plausible name.
    Asing,
}

/// A family member before names, numbers and attributes are drawn.
struct Calon {
    laki: bool,
    lahir: NaiveDate,
    shdk: i16,
    kawin: i16,
    ayah: Induk,
    ibu: Induk,
    nikah: Option<NaiveDate>,
    cerai: Option<NaiveDate>,
}

impl Calon {
    fn baru(laki: bool, lahir: NaiveDate, shdk: i16, kawin: i16) -> Self {
        Calon {
            laki,
            lahir,
            shdk,
            kawin,
            ayah: Induk::Asing,
            ibu: Induk::Asing,
            nikah: None,
            cerai: None,
        }
    }
}

/// A family draft: members (head first) and the parents outside it that members share.
#[derive(Default)]
struct Draf {
    anggota: Vec<Calon>,
    /// (man?, year of birth) of outside parents referred to by `Induk::Luar`.
    luar: Vec<(bool, i32)>,
}

struct Pembangkit<'a> {
    plan: &'a DemoPlan,
    rng: StdRng,
    kerja: Kerja,
    letak: Vec<SlotRt>,
    posisi_rt: usize,
    dibuat: usize,
    urut_nik: HashMap<u64, u16>,
    urut_kk: HashMap<u32, u16>,
    /// Where this village's serials start, so villages of one sub-district (which share the
    /// region part of NIK and KK) do not hand out the same numbers.
    awal_urut: u16,
    urut_akta: u32,
    kec_sendiri: String,
    kec_lain: Vec<String>,
    kota: &'static str,
}

fn geser(d: NaiveDate, tahun: f64) -> NaiveDate {
    d + Duration::days((tahun * 365.2425).round() as i64)
}

fn ddmmyy(d: NaiveDate, tambah_hari: u32) -> u32 {
    (d.day() + tambah_hari) * 10_000 + d.month() * 100 + (d.year().rem_euclid(100)) as u32
}

/// Picks a value by integer weights.
fn pilih<T: Copy>(rng: &mut StdRng, pilihan: &[(T, u32)]) -> T {
    let total: u32 = pilihan.iter().map(|(_, b)| b).sum();
    let mut r = rng.random_range(0..total.max(1));
    for &(v, b) in pilihan {
        if r < b {
            return v;
        }
        r -= b;
    }
    pilihan[pilihan.len() - 1].0
}

/// Age drawn from 5-year bins `(from, weight)`, uniformly within the bin.
fn umur_dari_kelas(rng: &mut StdRng, kelas: &[(u32, u32)]) -> f64 {
    let awal = pilih(rng, kelas) as f64;
    rng.random_range(awal..awal + 5.0)
}

impl<'a> Pembangkit<'a> {
    fn baru(plan: &'a DemoPlan) -> Self {
        let kec_sendiri = plan.desa.kecamatan().to_string();
        let kab = plan.desa.kabupaten();
        let kec_lain: Vec<String> = (1..=20)
            .map(|k| format!("{kab}{k:02}"))
            .filter(|k| *k != kec_sendiri)
            .collect();
        Pembangkit {
            plan,
            rng: StdRng::seed_from_u64(plan.seed),
            kerja: Kerja::baru(),
            letak: tata_letak(plan),
            posisi_rt: 0,
            dibuat: 0,
            urut_nik: HashMap::new(),
            urut_kk: HashMap::new(),
            awal_urut: plan.desa.as_str()[7..]
                .parse::<u16>()
                .map_or(0, |n| (n % 9) * 1000),
            urut_akta: 0,
            kec_sendiri,
            kec_lain,
            kota: names::kota_kabupaten(kab).unwrap_or(names::KOTA_LAHIR[0]),
        }
    }

    fn struktur(&self) -> Vec<(String, String, String)> {
        self.letak
            .iter()
            .map(|s| (s.dusun.clone(), s.rw.clone(), s.rt.clone()))
            .collect()
    }

    fn hari_ini(&self) -> NaiveDate {
        self.plan.hari_ini
    }

    /// Birth date of someone aged `umur` years (fractional) today.
    fn lahir_umur(&self, umur: f64) -> NaiveDate {
        geser(self.hari_ini(), -umur)
    }

    fn usia(&self, lahir: NaiveDate) -> f64 {
        (self.hari_ini() - lahir).num_days() as f64 / 365.2425
    }

    /// The next family, or None once the planned number of residents is reached.
    fn keluarga_berikut(&mut self) -> Option<(Vec<DataPenduduk>, Vec<DemoEvent>)> {
        let sisa = self.plan.penduduk - self.dibuat;
        if sisa == 0 {
            return None;
        }
        let mut draf = self.draf_keluarga();
        // The last family is cut to hit the exact total; the head comes first, so it stays, and
        // references to members cut off become outside parents.
        draf.anggota.truncate(sisa);
        let n = draf.anggota.len();
        for c in &mut draf.anggota {
            for induk in [&mut c.ayah, &mut c.ibu] {
                if matches!(induk, Induk::Anggota(i) if *i >= n) {
                    *induk = Induk::Asing;
                }
            }
        }
        while self.posisi_rt + 1 < self.letak.len()
            && self.dibuat >= self.letak[self.posisi_rt].batas
        {
            self.posisi_rt += 1;
        }
        self.dibuat += draf.anggota.len();
        Some(self.wujudkan(draf))
    }

    fn draf_keluarga(&mut self) -> Draf {
        match pilih(
            &mut self.rng,
            &[(0u8, 65), (1, 7), (2, 9), (3, 10), (4, 3), (5, 3), (6, 3)],
        ) {
            0 => self.keluarga_inti(false),
            1 => self.keluarga_inti(true),
            2 => self.keluarga_tiga_generasi(),
            3 => self.keluarga_janda_duda(false),
            4 => self.keluarga_janda_duda(true),
            5 => self.keluarga_cerai(),
            _ => self.keluarga_lajang(),
        }
    }

    /// All children a woman has borne up to today: (boy?, birth date). Mothers are 18–45 at birth.
    fn kelahiran(&mut self, ibu_lahir: NaiveDate) -> Vec<(bool, NaiveDate)> {
        let th = ibu_lahir.year();
        let rng = &mut self.rng;
        let jumlah: u32 = if th < 1955 {
            pilih(
                rng,
                &[
                    (0, 3),
                    (1, 5),
                    (2, 10),
                    (3, 20),
                    (4, 25),
                    (5, 20),
                    (6, 12),
                    (7, 5),
                ],
            )
        } else if th < 1970 {
            pilih(
                rng,
                &[(0, 3), (1, 8), (2, 25), (3, 30), (4, 22), (5, 9), (6, 3)],
            )
        } else if th < 1985 {
            pilih(rng, &[(0, 4), (1, 15), (2, 42), (3, 28), (4, 9), (5, 2)])
        } else {
            pilih(rng, &[(0, 5), (1, 22), (2, 46), (3, 22), (4, 5)])
        };
        let mut usia = if th < 1960 {
            rng.random_range(18.5..24.0)
        } else if th < 1980 {
            rng.random_range(19.0..26.0)
        } else {
            rng.random_range(19.5..29.0)
        };
        let mut out = Vec::new();
        for _ in 0..jumlah {
            if usia > 44.0 {
                break;
            }
            let tgl = geser(ibu_lahir, usia);
            if tgl > self.plan.hari_ini {
                break;
            }
            out.push((self.rng.random_bool(0.51), tgl));
            usia += self.rng.random_range(1.6..5.5);
        }
        out
    }

    /// Whether a grown child still lives with the parents (most leave on marrying).
    fn masih_serumah(&mut self, laki: bool, lahir: NaiveDate) -> bool {
        let u = self.usia(lahir);
        let p = match u {
            u if u < 18.0 => 1.0,
            u if u < 22.0 => 0.88,
            u if u < 26.0 => 0.6,
            u if u < 30.0 => 0.35,
            u if u < 40.0 => 0.12,
            _ => 0.03,
        };
        let p = if !laki && u >= 20.0 { p * 0.8 } else { p };
        self.rng.random_bool(p)
    }

    /// Marriage date: before the first child if any, never before the bride is 17.
    fn tanggal_nikah(
        &mut self,
        istri_lahir: NaiveDate,
        anak_pertama: Option<NaiveDate>,
    ) -> NaiveDate {
        let paling_awal = geser(istri_lahir, 17.0);
        let tgl = match anak_pertama {
            Some(a) => geser(a, -self.rng.random_range(0.8..2.5))
                .max(paling_awal)
                .min(a),
            None => {
                let u = self.usia(istri_lahir);
                if u < 30.0 {
                    let sejak = self.rng.random_range(0.0..(u - 18.0).clamp(0.1, 4.0));
                    self.lahir_umur(sejak)
                } else {
                    geser(istri_lahir, self.rng.random_range(19.0..27.0))
                }
            }
        };
        tgl.max(paling_awal).min(self.hari_ini())
    }

    /// A NIK for a birth date, unique by its (region, date) counter. Should a counter ever run
    /// out, the date part moves a day earlier, as happens with real NIKs.
    fn nik(&mut self, laki: bool, lahir: NaiveDate) -> Nik {
        let wilayah = if self.rng.random_bool(0.03) {
            let i = self.rng.random_range(0..self.kec_lain.len());
            self.kec_lain[i].clone()
        } else {
            self.kec_sendiri.clone()
        };
        let kode: u64 = wilayah.parse().expect("region codes are digits");
        let mut tgl = lahir;
        loop {
            let bagian = ddmmyy(tgl, if laki { 0 } else { 40 });
            let urut = self
                .urut_nik
                .entry(kode * 1_000_000 + bagian as u64)
                .or_insert(self.awal_urut);
            if *urut < 9999 {
                *urut += 1;
                let s = format!("{wilayah}{bagian:06}{:04}", *urut);
                return Nik::parse(&s).expect("built from a real date and a serial 0001-9999");
            }
            tgl -= Duration::days(1);
        }
    }

    fn no_kk(&mut self, terbit: NaiveDate) -> NoKk {
        let mut tgl = terbit;
        loop {
            let bagian = ddmmyy(tgl, 0);
            let urut = self.urut_kk.entry(bagian).or_insert(self.awal_urut);
            if *urut < 9999 {
                *urut += 1;
                let s = format!("{}{bagian:06}{:04}", self.kec_sendiri, *urut);
                return NoKk::parse(&s).expect("16 digits with the village's province code");
            }
            tgl -= Duration::days(1);
        }
    }

    /// Draws names, numbers and every attribute, and the family's vital events.
    fn wujudkan(&mut self, draf: Draf) -> (Vec<DataPenduduk>, Vec<DemoEvent>) {
        let hari_ini = self.hari_ini();
        let slot = &self.letak[self.posisi_rt];
        let (dusun, rw, rt) = (slot.dusun.clone(), slot.rw.clone(), slot.rt.clone());
        let alamat = format!("DUSUN {dusun} RT {rt} RW {rw}");
        let agama = pilih(
            &mut self.rng,
            &[(ISLAM, 970), (KRISTEN, 20), (KATHOLIK, 10)],
        );
        let islam = agama == ISLAM;
        // Health cover goes by household: PBI for the poor, contributions for workers.
        let asuransi = pilih(&mut self.rng, &[(2i16, 40), (3, 30), (4, 8), (1, 22)]);

        // The card was last reissued after its newest change: a birth or a marriage.
        let terbaru = draf
            .anggota
            .iter()
            .flat_map(|c| [Some(c.lahir), c.nikah])
            .flatten()
            .max()
            .unwrap_or(hari_ini);
        let awal = terbaru.max(geser(hari_ini, -15.0));
        let rentang = (hari_ini - awal).num_days().max(0);
        let terbit = awal + Duration::days(self.rng.random_range(0..=rentang));
        let no_kk = self.no_kk(terbit);

        let luar: Vec<String> = draf
            .luar
            .iter()
            .map(|&(laki, th)| names::nama(&mut self.rng, laki, th, islam))
            .collect();

        // Names and NIKs first: a parent living in may be listed after the child (ORANGTUA
        // after the head).
        let identitas: Vec<(String, Nik)> = draf
            .anggota
            .iter()
            .map(|c| {
                let nama = names::nama(&mut self.rng, c.laki, c.lahir.year(), islam);
                (nama, self.nik(c.laki, c.lahir))
            })
            .collect();

        let mut orang: Vec<DataPenduduk> = Vec::with_capacity(draf.anggota.len());
        for (c, (nama, nik)) in draf.anggota.iter().zip(identitas.iter().cloned()) {
            let th = c.lahir.year();
            let (nik_ayah, nama_ayah) = self.induk(&identitas, &luar, c.ayah, true, th, islam);
            let (nik_ibu, nama_ibu) = self.induk(&identitas, &luar, c.ibu, false, th, islam);
            let u = umur(c.lahir, hari_ini);
            let (pendidikan_kk_id, pendidikan_sedang_id, sekolah) = self.pendidikan(u, th);
            let pekerjaan_id = self.pekerjaan(c.laki, u, pendidikan_kk_id, sekolah, c.kawin);
            let dewasa = u >= 17 || c.kawin != BELUM_KAWIN;
            let (ktp_el_id, status_rekam_id) = if dewasa {
                if self.rng.random_bool(0.96) {
                    (
                        Some(2),
                        Some(pilih(&mut self.rng, &[(8i16, 80), (4, 12), (3, 8)])),
                    )
                } else {
                    (Some(1), Some(2))
                }
            } else {
                (None, Some(1))
            };
            let subur = !c.laki && c.kawin == KAWIN && (15..50).contains(&u);
            let hamil_sekarang = subur && u <= 42 && self.rng.random_bool(0.05);
            let hamil = subur.then_some(if hamil_sekarang { 1 } else { 2 });
            let cara_kb_id = (subur && !hamil_sekarang && self.rng.random_bool(0.65)).then(|| {
                pilih(
                    &mut self.rng,
                    &[(3i16, 50), (1, 14), (2, 10), (5, 16), (6, 5), (4, 5)],
                )
            });
            let golongan_darah_id = Some(pilih(
                &mut self.rng,
                &[
                    (13i16, 40),
                    (4, 20),
                    (1, 13),
                    (2, 17),
                    (3, 4),
                    (11, 3),
                    (5, 1),
                    (7, 1),
                    (9, 1),
                ],
            ));
            let cacat_id = self
                .rng
                .random_bool(if u >= 65 { 0.02 } else { 0.004 })
                .then(|| {
                    pilih(
                        &mut self.rng,
                        &[(1i16, 50), (2, 15), (3, 15), (4, 15), (6, 5)],
                    )
                });
            let akta_lahir = if self.rng.random_bool(if th >= 1995 { 0.9 } else { 0.3 }) {
                self.urut_akta = self.urut_akta % 9999 + 1;
                format!(
                    "{}-LT-{}-{:04}",
                    self.plan.desa.kabupaten(),
                    c.lahir.format("%d%m%Y"),
                    self.urut_akta
                )
            } else {
                String::new()
            };
            let akta_perkawinan = match c.nikah {
                Some(t) if c.kawin != BELUM_KAWIN && self.rng.random_bool(0.7) => {
                    if islam {
                        format!(
                            "{}/{:02}/{}/{}",
                            self.rng.random_range(1..400),
                            self.rng.random_range(1..40),
                            romawi(t.month() as usize),
                            t.year()
                        )
                    } else {
                        format!(
                            "{}-KW-{}-{:04}",
                            self.plan.desa.kabupaten(),
                            t.format("%d%m%Y"),
                            self.rng.random_range(1..2000)
                        )
                    }
                }
                _ => String::new(),
            };
            let akta_perceraian = match c.cerai {
                Some(t) => format!("{:04}/AC/{}/PA", self.rng.random_range(1..1500), t.year()),
                None => String::new(),
            };
            let telepon = if u >= 17 && self.rng.random_bool(if u <= 60 { 0.55 } else { 0.15 }) {
                let awalan = names::AWALAN_HP[self.rng.random_range(0..names::AWALAN_HP.len())];
                format!("{awalan}{:08}", self.rng.random_range(0..100_000_000u32))
            } else {
                String::new()
            };
            let email = if (17..=35).contains(&u) && self.rng.random_bool(0.05) {
                let depan: String = nama
                    .split(' ')
                    .next()
                    .unwrap_or("warga")
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect();
                format!(
                    "{}{}@gmail.com",
                    depan.to_lowercase(),
                    self.rng.random_range(10..1000)
                )
            } else {
                String::new()
            };
            let tempat_lahir = if self.rng.random_bool(0.82) {
                self.kota
            } else {
                names::KOTA_LAHIR[self.rng.random_range(0..names::KOTA_LAHIR.len())]
            };
            let punya_asuransi = asuransi != 1;
            let no_asuransi = if punya_asuransi {
                format!("000{:010}", self.rng.random_range(0..10_000_000_000u64))
            } else {
                String::new()
            };
            orang.push(DataPenduduk {
                nik,
                nama,
                jenis_kelamin: if c.laki { 1 } else { 2 },
                tempat_lahir: tempat_lahir.to_string(),
                tanggal_lahir: c.lahir,
                agama_id: agama,
                pendidikan_kk_id,
                pendidikan_sedang_id,
                pekerjaan_id,
                status_kawin_id: c.kawin,
                shdk_id: c.shdk,
                warganegara_id: 1,
                nik_ayah,
                nama_ayah,
                nik_ibu,
                nama_ibu,
                golongan_darah_id,
                cacat_id,
                cara_kb_id,
                hamil,
                akta_lahir,
                no_paspor: String::new(),
                tanggal_akhir_paspor: None,
                no_kitas: String::new(),
                akta_perkawinan,
                tanggal_perkawinan: c.nikah.filter(|_| c.kawin != BELUM_KAWIN),
                akta_perceraian,
                tanggal_perceraian: c.cerai,
                ktp_el_id,
                status_rekam_id,
                alamat_sebelumnya: String::new(),
                alamat_sekarang: alamat.clone(),
                telepon,
                email,
                suku: "JAWA".into(),
                asuransi_id: Some(asuransi),
                no_asuransi,
                no_kk: Some(no_kk.clone()),
                dusun: dusun.clone(),
                rw: rw.clone(),
                rt: rt.clone(),
            });
        }
        let peristiwa = self.peristiwa(&orang);
        (orang, peristiwa)
    }

    /// NIK and name of a member's father or mother.
    fn induk(
        &mut self,
        identitas: &[(String, Nik)],
        luar: &[String],
        induk: Induk,
        ayah: bool,
        th_anak: i32,
        islam: bool,
    ) -> (String, String) {
        match induk {
            Induk::Anggota(i) => (identitas[i].1.to_string(), identitas[i].0.clone()),
            Induk::Luar(i) => (String::new(), luar[i].clone()),
            Induk::Asing => {
                let th = th_anak - if ayah { 30 } else { 26 };
                (String::new(), names::nama(&mut self.rng, ayah, th, islam))
            }
        }
    }
}
