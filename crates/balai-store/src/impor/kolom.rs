//! Column headers of the two import formats and how they map to the fields of `DataPenduduk`.
//!
//! Headers are matched on lower-case letters and digits only, so "Tanggal Lahir",
//! "tanggal_lahir" and "TANGGALLAHIR" are the same column.

use super::FormatImpor;

/// Field keys besides `balai_domain::penduduk::KOLOM`.
pub(crate) const ALAMAT_KK: &str = "alamat_kk";
pub(crate) const STATUS_DASAR: &str = "status_dasar";
/// RT and RW in one column headed "RT/RW" (RT first unless the cell's labels say otherwise).
pub(crate) const RT_RW: &str = "rt_rw";
/// RT and RW in one column headed "RW/RT" (RW first unless the cell's labels say otherwise).
pub(crate) const RW_RT: &str = "rw_rt";
/// The date of a death, move or disappearance, where a file has it (Balai's OpenSID export
/// writes it after OpenSID's columns; district spreadsheets name it in several ways).
pub(crate) const TANGGAL_PERISTIWA: &str = "tanggal_peristiwa";
/// SIAK's "Tgl Ubah": when the record last changed in SIAK. Not the date of an event; used,
/// with a warning, when a dead or moved resident's row has no other date.
pub(crate) const TGL_UBAH: &str = "tgl_ubah";

const ALIAS_TANGGAL_PERISTIWA: &[&str] = &[
    "tanggalperistiwa",
    "tglperistiwa",
    "tanggalstatus",
    "tanggalmeninggal",
    "tglmeninggal",
    "tanggalkematian",
    "tglkematian",
    "tanggalmati",
    "tglmati",
    "tanggalpindah",
    "tglpindah",
];

pub(crate) struct KolomBerkas {
    /// A `KOLOM` name, or one of the keys above.
    pub kunci: &'static str,
    /// The header as the format spells it.
    pub judul: &'static str,
    /// Accepted headers, normalised (see `normal_judul`).
    pub alias: &'static [&'static str],
}

const fn k(
    kunci: &'static str,
    judul: &'static str,
    alias: &'static [&'static str],
) -> KolomBerkas {
    KolomBerkas {
        kunci,
        judul,
        alias,
    }
}

/// OpenSID's import sheet (`contoh_penduduk.xlsx`, FormatImporExcel), plus Balai's three contact
/// columns at the end. Columns OpenSID has but Balai does not keep (tag_id_card, lat, lng) are
/// read and ignored.
pub(crate) static OPENSID: &[KolomBerkas] = &[
    k(ALAMAT_KK, "alamat", &["alamat"]),
    k("dusun", "dusun", &["dusun", "namadusun"]),
    k("rw", "rw", &["rw"]),
    k("rt", "rt", &["rt"]),
    k("nama", "nama", &["nama", "namalengkap", "namapenduduk"]),
    k("no_kk", "no_kk", &["nokk", "nomorkk"]),
    k("nik", "nik", &["nik"]),
    k("jenis_kelamin", "sex", &["sex", "jeniskelamin", "kelamin"]),
    k("tempat_lahir", "tempatlahir", &["tempatlahir"]),
    k(
        "tanggal_lahir",
        "tanggallahir",
        &["tanggallahir", "tgllahir"],
    ),
    k("agama_id", "agama_id", &["agamaid", "agama"]),
    k(
        "pendidikan_kk_id",
        "pendidikan_kk_id",
        &["pendidikankkid", "pendidikankk", "pendidikan"],
    ),
    k(
        "pendidikan_sedang_id",
        "pendidikan_sedang_id",
        &["pendidikansedangid", "pendidikansedang"],
    ),
    k(
        "pekerjaan_id",
        "pekerjaan_id",
        &["pekerjaanid", "pekerjaan"],
    ),
    k(
        "status_kawin_id",
        "status_kawin",
        &["statuskawin", "statuskawinid", "statusperkawinan"],
    ),
    k("shdk_id", "kk_level", &["kklevel", "shdk", "shdkid"]),
    k(
        "warganegara_id",
        "warganegara_id",
        &["warganegaraid", "warganegara", "kewarganegaraan"],
    ),
    k("nik_ayah", "ayah_nik", &["ayahnik", "nikayah"]),
    k("nama_ayah", "nama_ayah", &["namaayah"]),
    k("nik_ibu", "ibu_nik", &["ibunik", "nikibu"]),
    k("nama_ibu", "nama_ibu", &["namaibu"]),
    k(
        "golongan_darah_id",
        "golongan_darah_id",
        &["golongandarahid", "golongandarah"],
    ),
    k("akta_lahir", "akta_lahir", &["aktalahir"]),
    k(
        "no_paspor",
        "dokumen_pasport",
        &["dokumenpasport", "dokumenpaspor", "nopaspor"],
    ),
    k(
        "tanggal_akhir_paspor",
        "tanggal_akhir_paspor",
        &["tanggalakhirpaspor"],
    ),
    k("no_kitas", "dokumen_kitas", &["dokumenkitas", "nokitas"]),
    k("akta_perkawinan", "akta_perkawinan", &["aktaperkawinan"]),
    k(
        "tanggal_perkawinan",
        "tanggalperkawinan",
        &["tanggalperkawinan"],
    ),
    k("akta_perceraian", "akta_perceraian", &["aktaperceraian"]),
    k(
        "tanggal_perceraian",
        "tanggalperceraian",
        &["tanggalperceraian"],
    ),
    k("cacat_id", "cacat_id", &["cacatid", "cacat"]),
    k("cara_kb_id", "cara_kb_id", &["carakbid", "carakb"]),
    k("hamil", "hamil", &["hamil"]),
    k("ktp_el_id", "ktp_el", &["ktpel", "ktpelid"]),
    k(
        "status_rekam_id",
        "status_rekam",
        &["statusrekam", "statusrekamid"],
    ),
    k("alamat_sekarang", "alamat_sekarang", &["alamatsekarang"]),
    k(STATUS_DASAR, "status_dasar", &["statusdasar"]),
    k("suku", "suku", &["suku"]),
    k("asuransi_id", "id_asuransi", &["idasuransi", "asuransiid"]),
    k("no_asuransi", "no_asuransi", &["noasuransi"]),
    k(
        "alamat_sebelumnya",
        "alamat_sebelumnya",
        &["alamatsebelumnya"],
    ),
    k("telepon", "telepon", &["telepon", "notelepon", "nohp"]),
    k("email", "email", &["email"]),
    k(
        TANGGAL_PERISTIWA,
        "tanggal_peristiwa",
        ALIAS_TANGGAL_PERISTIWA,
    ),
    k(RT_RW, "rt/rw", &["rtrw"]),
    k(RW_RT, "rw/rt", &["rwrt"]),
];

/// The 43 headers of OpenSID's import sheet, in order (export writes exactly these, then
/// Balai's extra columns).
pub(crate) const JUDUL_OPENSID: [&str; 43] = [
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "no_kk",
    "nik",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pendidikan_sedang_id",
    "pekerjaan_id",
    "status_kawin",
    "kk_level",
    "warganegara_id",
    "ayah_nik",
    "nama_ayah",
    "ibu_nik",
    "nama_ibu",
    "golongan_darah_id",
    "akta_lahir",
    "dokumen_pasport",
    "tanggal_akhir_paspor",
    "dokumen_kitas",
    "akta_perkawinan",
    "tanggalperkawinan",
    "akta_perceraian",
    "tanggalperceraian",
    "cacat_id",
    "cara_kb_id",
    "hamil",
    "ktp_el",
    "status_rekam",
    "alamat_sekarang",
    "status_dasar",
    "suku",
    "tag_id_card",
    "id_asuransi",
    "no_asuransi",
    "lat",
    "lng",
];

/// Balai's columns after OpenSID's 43, so a round trip keeps contact data and the date of a
/// death or move (OpenSID's own import reads its columns by position and ignores these).
pub(crate) const JUDUL_TAMBAHAN: [&str; 4] =
    ["alamat_sebelumnya", "telepon", "email", "tanggal_peristiwa"];

/// Dukcapil SIAK "buku induk" export (`format_siak_kolom.csv`): 37 columns, code values as text.
/// SIAK has no dusun column; an optional "Dusun" column is accepted, otherwise the dusun is
/// found from the address or the village's RT list (see `periksa`).
pub(crate) static SIAK: &[KolomBerkas] = &[
    k("no_kk", "Nomor KK", &["nomorkk", "nokk"]),
    k("nik", "NIK", &["nik"]),
    k(
        "nama",
        "Nama Penduduk",
        &["namapenduduk", "nama", "namalengkap"],
    ),
    k(STATUS_DASAR, "Status", &["status", "statusdasar"]),
    k("tempat_lahir", "Tempat Lahir", &["tempatlahir"]),
    k(
        "tanggal_lahir",
        "Tanggal Lahir",
        &["tanggallahir", "tgllahir"],
    ),
    k("jenis_kelamin", "Kelamin", &["kelamin", "jeniskelamin"]),
    k("nik_ayah", "NIK Ayah", &["nikayah"]),
    k("nama_ayah", "Ayah", &["ayah", "namaayah"]),
    k("nik_ibu", "NIK Ibu", &["nikibu"]),
    k("nama_ibu", "Ibu", &["ibu", "namaibu"]),
    k(
        "status_kawin_id",
        "Status Kawin",
        &["statuskawin", "statusperkawinan"],
    ),
    k(
        "shdk_id",
        "SHDK",
        &["shdk", "hubungankeluarga", "statushubungandalamkeluarga"],
    ),
    k("agama_id", "Agama", &["agama"]),
    k("alamat_sekarang", "Alamat", &["alamat"]),
    k("rw", "RW", &["rw"]),
    k("rt", "RT", &["rt"]),
    k(
        "pendidikan_kk_id",
        "Pendidikan",
        &["pendidikan", "pendidikanterakhir"],
    ),
    k(
        "pekerjaan_id",
        "Pekerjaan",
        &["pekerjaan", "jenispekerjaan"],
    ),
    k(
        "golongan_darah_id",
        "Gol. Darah",
        &["goldarah", "golongandarah"],
    ),
    k("cacat_id", "Cacat", &["cacat", "penyandangcacat"]),
    k("no_paspor", "Nomor Paspor", &["nomorpaspor", "nopaspor"]),
    k("akta_lahir", "Nomor Akta Lahir", &["nomoraktalahir"]),
    k("akta_perkawinan", "Nomor Akta Kawin", &["nomoraktakawin"]),
    k(
        "tanggal_perkawinan",
        "Tanggal Kwn",
        &["tanggalkwn", "tanggalkawin", "tglkawin"],
    ),
    k("akta_perceraian", "Nomor Akta Cerai", &["nomoraktacerai"]),
    k(
        "tanggal_perceraian",
        "Tgl Cerai",
        &["tglcerai", "tanggalcerai"],
    ),
    k("dusun", "Dusun", &["dusun", "namadusun"]),
    k(TGL_UBAH, "Tgl Ubah", &["tglubah", "tanggalubah"]),
    k(
        TANGGAL_PERISTIWA,
        "Tanggal Peristiwa",
        ALIAS_TANGGAL_PERISTIWA,
    ),
    k(RT_RW, "RT/RW", &["rtrw"]),
    k(RW_RT, "RW/RT", &["rwrt"]),
];

/// The 37 SIAK headers in order (for building test files and documentation).
pub const JUDUL_SIAK: [&str; 37] = [
    "Nomor KK",
    "NIK",
    "Nama Penduduk",
    "Status",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Kelamin",
    "NIK Ayah",
    "Ayah",
    "NIK Ibu",
    "Ibu",
    "Status Kawin",
    "SHDK",
    "Agama",
    "Kecamatan",
    "Desa/Kel",
    "Alamat",
    "RW",
    "RT",
    "Pendidikan",
    "Pekerjaan",
    "Deskripsi Pekerjaan",
    "Gol. Darah",
    "Cacat",
    "Cetak KTP",
    "Ganti KTP",
    "KTP Berakhir",
    "Nomor Paspor",
    "Nomor Akta Lahir",
    "Nomor Akta Kawin",
    "Tanggal Kwn",
    "Nomor Akta Cerai",
    "Tgl Cerai",
    "Petugas Registrasi",
    "Tgl Ubah",
    "Petugas Entri",
    "Tgl Entri",
];

const WAJIB_BERSAMA: &[&str] = &[
    "nik",
    "nama",
    "no_kk",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama_id",
    "pendidikan_kk_id",
    "pekerjaan_id",
    "status_kawin_id",
    "shdk_id",
    "rw",
    "rt",
];

impl FormatImpor {
    pub(crate) fn kolom(self) -> &'static [KolomBerkas] {
        match self {
            FormatImpor::OpenSid => OPENSID,
            FormatImpor::Siak => SIAK,
        }
    }

    /// Required fields without a column among `ada` (RT and RW may share one "RT/RW" column).
    pub(crate) fn kurang(self, ada: &[&str]) -> Vec<&'static str> {
        let gabungan = ada.contains(&RT_RW) || ada.contains(&RW_RT);
        self.wajib()
            .into_iter()
            .filter(|w| !(ada.contains(w) || (gabungan && matches!(*w, "rt" | "rw"))))
            .collect()
    }

    /// Fields whose column must be present.
    pub(crate) fn wajib(self) -> Vec<&'static str> {
        let mut w = WAJIB_BERSAMA.to_vec();
        if self == FormatImpor::OpenSid {
            w.push("dusun");
        }
        w
    }

    pub fn nama(self) -> &'static str {
        match self {
            FormatImpor::OpenSid => "OpenSID",
            FormatImpor::Siak => "SIAK (Dukcapil)",
        }
    }
}

/// Lower-case letters and digits only.
pub(crate) fn normal_judul(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Maps the cells of a candidate header row: (field key, column index, header as written).
pub(crate) fn petakan(format: FormatImpor, sel: &[String]) -> Vec<(&'static str, usize, String)> {
    let daftar = format.kolom();
    let mut hasil: Vec<(&'static str, usize, String)> = Vec::new();
    for (i, teks) in sel.iter().enumerate() {
        let n = normal_judul(teks);
        if n.is_empty() {
            continue;
        }
        if let Some(kb) = daftar.iter().find(|kb| kb.alias.contains(&n.as_str()))
            && !hasil.iter().any(|(k, ..)| *k == kb.kunci)
        {
            hasil.push((kb.kunci, i, teks.trim().to_string()));
        }
    }
    hasil
}

/// The header a format uses for a field (for messages when the column is absent).
pub(crate) fn judul_baku(format: FormatImpor, kunci: &str) -> Option<&'static str> {
    format
        .kolom()
        .iter()
        .find(|kb| kb.kunci == kunci)
        .map(|kb| kb.judul)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kolom_rt_rw_gabungan_menggantikan_rt_dan_rw() {
        let mut ada: Vec<&str> = WAJIB_BERSAMA.to_vec();
        ada.retain(|k| !matches!(*k, "rt" | "rw"));
        assert_eq!(FormatImpor::Siak.kurang(&ada), vec!["rw", "rt"]);
        ada.push(RT_RW);
        assert!(FormatImpor::Siak.kurang(&ada).is_empty());
        ada.pop();
        ada.push(RW_RT);
        assert!(FormatImpor::Siak.kurang(&ada).is_empty());
        assert_eq!(FormatImpor::OpenSid.kurang(&ada), vec!["dusun"]);
    }
}
