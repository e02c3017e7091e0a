//! Site content for a demo village: profile, officials, news, potential, projects and a budget
//! summary, so that a new install shows a complete site. Only made when the site is empty.

use super::PengaturanSitus;
use super::artikel::ArtikelBaru;
use super::pembangunan::ProyekBaru;
use super::potensi::PotensiBaru;
use crate::{Aktor, Galat, Store, on_db};
use chrono::Datelike;

impl Store {
    pub async fn isi_situs_demo(&self, desa_id: &str) -> Result<(), Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM artikel WHERE desa_id = $1").bind(desa_id).fetch_one(p).await)?;
        if n > 0 {
            return Ok(());
        }
        let a = Aktor::sistem();
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let situs = self.situs_desa(desa_id).await?;
        let nama = &desa.nama;
        let pengaturan = PengaturanSitus {
            slug: situs.slug.clone(),
            warna: "#1f6f43".into(),
            semboyan: format!("Desa {nama}: guyub, terbuka, melayani."),
            sejarah: format!(
                "Desa {nama} tumbuh dari permukiman petani di tepi sungai. Nama desa diwariskan para sesepuh yang membuka lahan pertama.\nSejak itu desa berkembang menjadi sentra pertanian dan usaha rumahan."
            ),
            visi: "Terwujudnya desa yang mandiri, sejahtera dan terbuka dalam pelayanan.".into(),
            misi: "Melayani warga dengan cepat, mudah dan tanpa pungutan liar\nMembangun jalan, saluran air dan sarana umum secara merata\nMengembangkan usaha warga dan BUMDes\nMembuka informasi anggaran dan pembangunan kepada warga".into(),
            luas_wilayah: "412,5 hektare".into(),
            batas_utara: "Laut Jawa".into(),
            batas_selatan: "Desa tetangga di selatan".into(),
            batas_timur: "Sungai".into(),
            batas_barat: "Jalan kabupaten".into(),
            jam_layanan: "Senin–Jumat 08.00–15.00 WIB".into(),
        };
        self.ubah_situs(desa_id, &pengaturan, &a).await?;
        self.isi_perangkat_demo(desa_id).await?;
        let tulisan = [
            (
                "berita",
                "Pembangunan",
                "Pengaspalan jalan Dusun Krajan selesai",
                "Jalan sepanjang 850 meter di Dusun Krajan kini beraspal. Pekerjaan dibiayai Dana Desa dan dikerjakan warga secara padat karya.\n\nKepala desa berterima kasih kepada warga yang ikut bergotong royong.",
            ),
            (
                "berita",
                "Kesehatan",
                "Posyandu balita bulan ini",
                "Posyandu balita dibuka di balai dusun. Ibu dapat membawa buku KIA untuk penimbangan, imunisasi dan penyuluhan gizi.",
            ),
            (
                "pengumuman",
                "Pelayanan",
                "Surat kini bisa diajukan dari rumah",
                "Warga dapat mengajukan surat keterangan lewat layanan mandiri dengan NIK dan PIN. Tidak ada biaya tambahan di luar yang tertulis pada standar pelayanan.",
            ),
            (
                "agenda",
                "Musyawarah",
                "Musyawarah desa penyusunan RKPDes",
                "Musyawarah desa membahas rencana kerja tahun depan di balai desa. Terbuka untuk semua warga.",
            ),
            (
                "halaman",
                "",
                "Tata cara pengaduan",
                "Pengaduan dapat disampaikan lewat situs ini, layanan mandiri, atau langsung di kantor desa. Setiap pengaduan mendapat kode lacak.",
            ),
        ];
        for (jenis, kategori, judul, isi) in tulisan {
            self.simpan_artikel(
                desa_id,
                None,
                &ArtikelBaru {
                    jenis: jenis.into(),
                    kategori: kategori.into(),
                    judul: judul.into(),
                    ringkasan: String::new(),
                    isi: isi.into(),
                    gambar: None,
                    waktu_acara: (jenis == "agenda")
                        .then(|| self.sekarang() + chrono::Duration::days(9)),
                    tempat: if jenis == "agenda" {
                        "Balai desa".into()
                    } else {
                        String::new()
                    },
                    terbit: true,
                    terbit_pada: None,
                },
                &a,
            )
            .await?;
        }
        let potensi = [
            (
                "umkm",
                "Keripik Singkong Sari Rasa",
                "Keripik singkong pedas dan original",
                -6.9102,
                109.7301,
            ),
            (
                "umkm",
                "Batik Tulis Sekar Jagad",
                "Batik tulis pewarna alam",
                -6.9121,
                109.7334,
            ),
            (
                "bumdes",
                "BUMDes Makmur Bersama",
                "Air bersih, simpan pinjam, sewa tenda",
                -6.9135,
                109.7312,
            ),
            (
                "organisasi",
                "Kelompok Tani Sido Rukun",
                "Padi dan jagung, 48 anggota",
                -6.9160,
                109.7290,
            ),
            (
                "organisasi",
                "Karang Taruna Tunas Muda",
                "Kegiatan pemuda dan olahraga",
                -6.9117,
                109.7350,
            ),
            (
                "wisata",
                "Pantai Sigandu",
                "Pantai, kuliner ikan bakar",
                -6.9050,
                109.7380,
            ),
            (
                "fasilitas",
                "SD Negeri 1",
                "Sekolah dasar, 6 rombongan belajar",
                -6.9128,
                109.7322,
            ),
            (
                "fasilitas",
                "Posyandu Melati",
                "Posyandu balita dan lansia",
                -6.9140,
                109.7305,
            ),
            (
                "infrastruktur",
                "Jembatan Kali Sambong",
                "Jembatan beton 12 meter",
                -6.9171,
                109.7341,
            ),
        ];
        for (jenis, nama, produk, la, bu) in potensi {
            self.simpan_potensi(
                desa_id,
                None,
                &PotensiBaru {
                    jenis: jenis.into(),
                    nama: nama.into(),
                    uraian: String::new(),
                    produk: produk.into(),
                    kontak: String::new(),
                    alamat: "Dusun Krajan".into(),
                    lintang: Some(la),
                    bujur: Some(bu),
                    gambar: None,
                },
                &a,
            )
            .await?;
        }
        // An illustrative boundary around the demo's points (not a surveyed one).
        let batas = r#"{"type":"Polygon","coordinates":[[[109.7265,-6.9185],[109.7330,-6.9200],[109.7375,-6.9182],[109.7405,-6.9120],[109.7398,-6.9035],[109.7350,-6.9030],[109.7310,-6.9075],[109.7270,-6.9110],[109.7255,-6.9150],[109.7265,-6.9185]]]}"#;
        self.peta().simpan_batas(desa_id, Some(batas), &a).await?;
        for (nama, kategori, harga, satuan, penjual) in [
            (
                "Keripik singkong pedas",
                "makanan",
                15_000,
                "per 250 gram",
                "Sari Rasa",
            ),
            (
                "Batik tulis motif sekar jagad",
                "pakaian",
                350_000,
                "per lembar",
                "Batik Sekar Jagad",
            ),
            (
                "Beras pandan wangi",
                "pertanian",
                14_000,
                "per kg",
                "Kelompok Tani Sido Rukun",
            ),
        ] {
            self.simpan_produk(
                desa_id,
                None,
                super::lapak::Penjual::Petugas,
                &super::lapak::ProdukBaru {
                    nama_penjual: penjual.into(),
                    // The village office's line takes the orders of the demo sellers.
                    kontak: "0285000000".into(),
                    nama: nama.into(),
                    kategori: kategori.into(),
                    uraian: String::new(),
                    harga,
                    satuan: satuan.into(),
                    stok: "tersedia".into(),
                    gambar: None,
                },
                &a,
            )
            .await?;
        }
        let tahun = self.hari_ini(desa.zona()).year() as i64;
        for (nama, lokasi, anggaran, sumber, progres) in [
            (
                "Pengaspalan jalan Dusun Krajan",
                "Dusun Krajan RT 001–003",
                312_500_000,
                "DDS",
                100,
            ),
            (
                "Saluran irigasi tersier",
                "Sawah blok timur",
                145_000_000,
                "ADD",
                60,
            ),
            (
                "Rehabilitasi posyandu",
                "Posyandu Melati",
                48_750_000,
                "DDS",
                25,
            ),
        ] {
            self.simpan_proyek(
                desa_id,
                None,
                &ProyekBaru {
                    tahun,
                    nama: nama.into(),
                    lokasi: lokasi.into(),
                    anggaran,
                    sumber_dana: sumber.into(),
                    pelaksana: "Tim Pelaksana Kegiatan".into(),
                    progres,
                    uraian: String::new(),
                    gambar: None,
                    kode_kegiatan: if nama.starts_with("Pengaspalan") {
                        "2.3.10".into()
                    } else {
                        String::new()
                    },
                },
                &a,
            )
            .await?;
        }
        for (kelompok, kode, anggaran, realisasi) in [
            ("pendapatan", "4.1.1", 35_000_000, 21_000_000),
            ("pendapatan", "4.2.1", 1_050_000_000, 840_000_000),
            ("pendapatan", "4.2.2", 42_000_000, 30_000_000),
            ("pendapatan", "4.2.3", 520_000_000, 390_000_000),
            ("belanja", "1", 610_000_000, 455_000_000),
            ("belanja", "2", 702_000_000, 498_000_000),
            ("belanja", "3", 98_000_000, 61_000_000),
            ("belanja", "4", 187_000_000, 120_000_000),
            ("belanja", "5", 60_000_000, 12_000_000),
            ("pembiayaan", "6.1.1", 50_000_000, 50_000_000),
        ] {
            // Last year, before the village kept its books in Balai: typed on the site. This
            // year's figures come from the finance books (`isi_keuangan_demo`).
            self.simpan_baris_apbdes(desa_id, tahun - 1, kelompok, kode, anggaran, realisasi, &a)
                .await?;
        }
        Ok(())
    }
}
