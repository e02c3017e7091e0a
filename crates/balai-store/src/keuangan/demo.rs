//! A plausible year of planning, budget and spending for a demo village: proposals and a
//! musrenbang, an established APBDes, receipts of the transfers in tranches and monthly
//! payments up to today, each through the same request → check → approve → pay steps.

use super::apbdes::{BarisBaru, TindakanApbdes};
use super::belanja::{Pembayaran, Penerimaan, Potongan, SetorPajak, SppBaru};
use super::perencanaan::{MusyawarahBaru, RencanaBaru, UsulanBaru};
use crate::{Aktor, Galat, Store, on_db};
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// (kegiatan, rekening, uraian, volume, satuan, harga satuan, sumber); harga 0 = the rest of
/// that source, so the budget always balances.
type Rancangan = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    i64,
    &'static str,
);

const BELANJA: &[Rancangan] = &[
    (
        "1.1.01",
        "5.1.1.01",
        "Penghasilan tetap kepala desa",
        12,
        "OB",
        3_000_000,
        "ADD",
    ),
    (
        "1.1.02",
        "5.1.2.01",
        "Penghasilan tetap perangkat desa",
        72,
        "OB",
        2_200_000,
        "ADD",
    ),
    (
        "1.1.04",
        "5.2.1.01",
        "Alat tulis kantor dan benda pos",
        12,
        "bulan",
        1_250_000,
        "ADD",
    ),
    (
        "1.1.04",
        "5.2.2.02",
        "Honorarium operator desa",
        0,
        "paket",
        0,
        "ADD",
    ),
    (
        "2.2.02",
        "5.2.1.06",
        "Makanan tambahan balita dan ibu hamil",
        12,
        "bulan",
        2_500_000,
        "DDS",
    ),
    (
        "2.3.10",
        "5.3.4.02",
        "Upah tenaga kerja pengerasan jalan",
        1,
        "paket",
        60_000_000,
        "DDS",
    ),
    (
        "2.3.10",
        "5.3.4.03",
        "Bahan baku pengerasan jalan (batu, semen, pasir)",
        0,
        "paket",
        0,
        "DDS",
    ),
    (
        "4.2.01",
        "5.2.7.05",
        "Bibit jagung dan pupuk untuk kelompok tani",
        1,
        "paket",
        40_000_000,
        "DDS",
    ),
    (
        "5.1.00",
        "5.4.1.01",
        "Belanja tak terduga",
        1,
        "paket",
        25_000_000,
        "DDS",
    ),
    (
        "3.4.02",
        "5.2.2.01",
        "Honorarium pengurus LPMD",
        12,
        "bulan",
        1_500_000,
        "PBH",
    ),
    (
        "3.2.01",
        "5.2.7.01",
        "Perlengkapan grup kesenian desa",
        0,
        "paket",
        0,
        "PBH",
    ),
    (
        "2.3.06",
        "5.2.6.04",
        "Pemeliharaan balai desa",
        0,
        "paket",
        0,
        "PAD",
    ),
    (
        "2.3.15",
        "5.3.5.03",
        "Rehabilitasi pagar balai desa",
        0,
        "paket",
        0,
        "DLL",
    ),
];

fn tanggal(t: i64, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t as i32, b, h).unwrap_or_default()
}

impl Store {
    /// Fills the current year's finance of a demo village when it has none; `seed` varies the amounts.
    pub async fn isi_keuangan_demo(&self, desa_id: &str, seed: u64) -> Result<(), Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM apbdes WHERE desa_id = $1").bind(desa_id).fetch_one(p).await)?;
        if n > 0 {
            return Ok(());
        }
        let zona = balai_domain::ZonaWaktu::dari_provinsi(&desa_id[..2]);
        let hari_ini = self.hari_ini(zona);
        let y = hari_ini.year() as i64;
        let operator = Aktor::pengguna("operator");
        let sekdes = Aktor::pengguna("sekdes");
        let kades = Aktor::pengguna("kades");
        let bendahara = Aktor::pengguna("bendahara");

        // Planning for the year, decided at the musrenbang of the year before.
        let mus = self
            .simpan_musyawarah(
                desa_id,
                &MusyawarahBaru {
                    jenis: "musrenbangdes".into(),
                    tahun: y,
                    tanggal: tanggal(y - 1, 9, 16),
                    tempat: "Balai Desa".into(),
                    jumlah_peserta: 48,
                    peserta: "Kepala desa, perangkat desa, BPD, kepala dusun, ketua RT/RW, PKK, karang taruna, kelompok tani".into(),
                    keputusan: "Prioritas 1: pengerasan jalan Dusun Krajan. Prioritas 2: makanan tambahan posyandu. Usulan lampu jalan ditunda.".into(),
                },
                &operator,
            )
            .await?;
        let mut disetujui = Vec::new();
        for (i, (judul, jenis, pengusul, bidang, biaya, setuju)) in [
            (
                "Pengerasan jalan Dusun Krajan 600 m",
                "dusun",
                "Dusun Krajan",
                "2",
                180_000_000,
                true,
            ),
            (
                "Makanan tambahan untuk balita di posyandu",
                "kelompok",
                "Kader Posyandu Melati",
                "2",
                30_000_000,
                true,
            ),
            (
                "Lampu penerangan jalan RT 04",
                "rt",
                "RT 04 / RW 02",
                "2",
                45_000_000,
                false,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let id = self
                .simpan_usulan(
                    desa_id,
                    &UsulanBaru {
                        tahun: y,
                        judul: judul.into(),
                        jenis_pengusul: jenis.into(),
                        pengusul: pengusul.into(),
                        lokasi: pengusul.into(),
                        bidang: bidang.into(),
                        perkiraan_biaya: biaya,
                        penerima_manfaat: 120 + 40 * i as i64,
                        uraian: String::new(),
                        gambar: None,
                        penduduk_id: None,
                    },
                    &operator,
                )
                .await?;
            let catatan = if setuju {
                ""
            } else {
                "Ditunda ke tahun berikutnya karena pagu belum cukup."
            };
            self.putuskan_usulan(
                desa_id,
                id,
                mus,
                setuju,
                setuju.then_some(i as i64 + 1),
                catatan,
                &operator,
            )
            .await?;
            if setuju {
                disetujui.push(id);
            }
        }
        let jalan = self
            .simpan_rencana(
                desa_id,
                &RencanaBaru {
                    dokumen: "rkpdes".into(),
                    tahun_awal: y,
                    tahun_akhir: y,
                    kode_kegiatan: "2.3.10".into(),
                    nama: "Pengerasan jalan Dusun Krajan".into(),
                    lokasi: "Dusun Krajan".into(),
                    volume: "600 m".into(),
                    biaya: 180_000_000,
                    sumber_dana: "DDS".into(),
                    usulan: vec![disetujui[0]],
                },
                &operator,
            )
            .await?;
        self.simpan_rencana(
            desa_id,
            &RencanaBaru {
                dokumen: "rkpdes".into(),
                tahun_awal: y,
                tahun_akhir: y,
                kode_kegiatan: "2.2.02".into(),
                nama: "Makanan tambahan posyandu".into(),
                lokasi: "Posyandu Melati".into(),
                volume: "12 bulan".into(),
                biaya: 30_000_000,
                sumber_dana: "DDS".into(),
                usulan: vec![disetujui[1]],
            },
            &operator,
        )
        .await?;

        // The budget: revenue by source, and spending that uses each source exactly.
        let dd = 800_000_000 + (seed % 5) as i64 * 40_000_000;
        let add = 420_000_000 + (seed % 3) as i64 * 25_000_000;
        let pendapatan = [
            ("4.2.1.01", "Dana Desa", dd, "DDS"),
            ("4.2.3.01", "Alokasi Dana Desa", add, "ADD"),
            (
                "4.2.2.01",
                "Bagi hasil pajak dan retribusi daerah",
                55_000_000,
                "PBH",
            ),
            ("4.1.2.01", "Sewa tanah kas desa", 20_000_000, "PAD"),
            ("6.1.1.01", "SiLPA tahun sebelumnya", 35_000_000, "DLL"),
        ];
        let apbdes = self.buat_apbdes(desa_id, y, &operator).await?;
        let mut kunci_pendapatan = Vec::new();
        for (kode, uraian, n, sumber) in pendapatan {
            let id = self
                .simpan_baris_anggaran(
                    desa_id,
                    apbdes,
                    None,
                    &BarisBaru {
                        kode_kegiatan: String::new(),
                        kode_rekening: kode.into(),
                        uraian: uraian.into(),
                        volume: 1,
                        satuan: "tahun".into(),
                        harga_satuan: n,
                        sumber_dana: sumber.into(),
                        rencana_id: None,
                    },
                    &operator,
                )
                .await?;
            kunci_pendapatan.push((id, n, sumber));
        }
        let mut belanja_ids = Vec::new();
        for (keg, rek, uraian, vol, satuan, harga, sumber) in BELANJA {
            let (vol, harga) = if *harga > 0 {
                (*vol, *harga)
            } else {
                let ada: i64 = pendapatan
                    .iter()
                    .filter(|p| p.3 == *sumber)
                    .map(|p| p.2)
                    .sum();
                let pakai: i64 = BELANJA
                    .iter()
                    .filter(|b| b.6 == *sumber && b.5 > 0)
                    .map(|b| b.3 * b.5)
                    .sum();
                (1, ada - pakai)
            };
            let id = self
                .simpan_baris_anggaran(
                    desa_id,
                    apbdes,
                    None,
                    &BarisBaru {
                        kode_kegiatan: (*keg).into(),
                        kode_rekening: (*rek).into(),
                        uraian: (*uraian).into(),
                        volume: vol,
                        satuan: (*satuan).into(),
                        harga_satuan: harga,
                        sumber_dana: (*sumber).into(),
                        rencana_id: (*keg == "2.3.10").then_some(jalan),
                    },
                    &operator,
                )
                .await?;
            belanja_ids.push(id);
        }
        self.ubah_status_apbdes(
            desa_id,
            apbdes,
            TindakanApbdes::Sepakati(tanggal(y - 1, 12, 10)),
            &operator,
        )
        .await?;
        self.ubah_status_apbdes(
            desa_id,
            apbdes,
            TindakanApbdes::Tetapkan {
                nomor: format!("6 Tahun {}", y - 1),
                tanggal: tanggal(y - 1, 12, 20),
            },
            &operator,
        )
        .await?;
        let baris = self.baris_anggaran(desa_id, apbdes).await?;
        let kunci = |id: Uuid| {
            baris
                .iter()
                .find(|b| b.id == id)
                .map(|b| b.kunci)
                .unwrap_or_default()
        };

        // Receipts: transfers in tranches, up to today.
        let mut terima = Vec::new();
        let (dd_k, add_k) = (kunci(kunci_pendapatan[0].0), kunci(kunci_pendapatan[1].0));
        for (b, h, persen, nama) in [
            (3, 10, 40, "tahap I"),
            (7, 15, 40, "tahap II"),
            (10, 20, 20, "tahap III"),
        ] {
            terima.push((
                tanggal(y, b, h),
                dd_k,
                dd * persen / 100,
                format!("Dana Desa {nama}"),
            ));
        }
        for (i, b) in [1, 4, 7, 10].into_iter().enumerate() {
            terima.push((
                tanggal(y, b, 20),
                add_k,
                add / 4,
                format!("Alokasi Dana Desa triwulan {}", i + 1),
            ));
        }
        terima.push((
            tanggal(y, 6, 15),
            kunci(kunci_pendapatan[2].0),
            55_000_000,
            "Bagi hasil pajak dan retribusi".into(),
        ));
        terima.push((
            tanggal(y, 5, 5),
            kunci(kunci_pendapatan[3].0),
            20_000_000,
            "Sewa tanah kas desa".into(),
        ));
        terima.push((
            tanggal(y, 1, 5),
            kunci(kunci_pendapatan[4].0),
            35_000_000,
            "SiLPA tahun sebelumnya".into(),
        ));
        terima.sort_by_key(|t| t.0);
        for (i, (t, k, n, uraian)) in terima.into_iter().enumerate() {
            if t > hari_ini {
                continue;
            }
            self.catat_penerimaan(
                desa_id,
                &Penerimaan {
                    tanggal: t,
                    baris_kunci: k,
                    nilai: n,
                    uraian,
                    nomor_bukti: format!("TBP-{:03}", i + 1),
                    rekening: "bank".into(),
                    bukti: None,
                },
                &bendahara,
            )
            .await?;
        }

        // Payments: salaries and posyandu monthly, the road and seeds once or twice.
        let k = |i: usize| kunci(belanja_ids[i]);
        let mut bayar: Vec<(NaiveDate, Uuid, i64, String, String, Vec<Potongan>)> = Vec::new();
        for b in 1..=12u32 {
            let t = tanggal(y, b, 25);
            bayar.push((
                t,
                k(0),
                3_000_000,
                format!("Penghasilan tetap kepala desa bulan {b}"),
                "Kepala Desa".into(),
                vec![],
            ));
            bayar.push((
                t,
                k(1),
                13_200_000,
                format!("Penghasilan tetap perangkat desa bulan {b}"),
                "Perangkat Desa".into(),
                vec![],
            ));
            // Below the monthly budget (2,500,000): the scales still waiting on this line fit
            // after December's payment.
            bayar.push((
                tanggal(y, b, 12),
                k(4),
                2_350_000,
                format!("Makanan tambahan posyandu bulan {b}"),
                "Kader Posyandu Melati".into(),
                vec![],
            ));
            // Below the monthly budget (1,250,000), so the two requests still waiting on this
            // line (1,050,000) fit even after December's payment.
            bayar.push((
                tanggal(y, b, 8),
                k(2),
                1_100_000,
                format!("Alat tulis kantor bulan {b}"),
                "Toko Sumber Rejeki".into(),
                vec![Potongan {
                    pajak: "pph22".into(),
                    nilai: 16_500,
                }],
            ));
        }
        let bahan = baris
            .iter()
            .find(|b| b.id == belanja_ids[6])
            .map(|b| b.jumlah)
            .unwrap_or(0);
        bayar.push((
            tanggal(y, 6, 10),
            k(6),
            bahan / 2,
            "Bahan pengerasan jalan tahap I".into(),
            "UD Bangun Jaya".into(),
            vec![
                Potongan {
                    pajak: "ppn".into(),
                    nilai: bahan / 2 * 11 / 111,
                },
                Potongan {
                    pajak: "pph22".into(),
                    nilai: bahan / 2 * 15 / 1000,
                },
            ],
        ));
        bayar.push((
            tanggal(y, 8, 12),
            k(6),
            bahan * 2 / 5,
            "Bahan pengerasan jalan tahap II".into(),
            "UD Bangun Jaya".into(),
            vec![Potongan {
                pajak: "ppn".into(),
                nilai: bahan * 2 / 5 * 11 / 111,
            }],
        ));
        bayar.push((
            tanggal(y, 6, 28),
            k(5),
            30_000_000,
            "Upah tenaga kerja jalan tahap I".into(),
            "Tim Pelaksana Kegiatan".into(),
            vec![],
        ));
        bayar.push((
            tanggal(y, 8, 28),
            k(5),
            30_000_000,
            "Upah tenaga kerja jalan tahap II".into(),
            "Tim Pelaksana Kegiatan".into(),
            vec![],
        ));
        bayar.push((
            tanggal(y, 4, 14),
            k(7),
            40_000_000,
            "Bibit jagung dan pupuk".into(),
            "Toko Tani Makmur".into(),
            vec![Potongan {
                pajak: "pph22".into(),
                nilai: 600_000,
            }],
        ));
        bayar.sort_by_key(|b| b.0);
        for (i, (t, kunci, n, uraian, penerima, potongan)) in bayar.into_iter().enumerate() {
            if t > hari_ini {
                continue;
            }
            let spp = self
                .ajukan_spp(
                    desa_id,
                    &SppBaru {
                        tanggal: t,
                        uraian,
                        penerima,
                        rincian: vec![(kunci, n)],
                        alasan_lebih: None,
                    },
                    &operator,
                )
                .await?;
            self.periksa_spp(desa_id, spp, true, "", &sekdes).await?;
            self.setujui_spp(desa_id, spp, true, "", &kades).await?;
            let pajak: Vec<(String, i64)> = potongan
                .iter()
                .map(|p| (p.pajak.clone(), p.nilai))
                .collect();
            self.bayar_spp(
                desa_id,
                spp,
                &Pembayaran {
                    tanggal: t,
                    rekening: "bank".into(),
                    nomor_bukti: format!("BKT-{:04}", i + 1),
                    potongan,
                    bukti: None,
                },
                &bendahara,
            )
            .await?;
            // Taxes go to the state a few days later, within the month.
            let setor = t + chrono::Days::new(3);
            if setor <= hari_ini && setor.year() as i64 == y {
                for (p, n) in pajak {
                    self.setor_pajak(
                        desa_id,
                        &SetorPajak {
                            tanggal: setor,
                            pajak: p,
                            nilai: n,
                            nomor_bukti: format!("NTPN{:012}", i + 1),
                            rekening: "bank".into(),
                        },
                        &bendahara,
                    )
                    .await?;
                }
            }
        }
        // Three requests still on their way, so the secretary's, the head's and the treasurer's
        // start pages each show waiting work.
        let menunggu = [
            (
                2,
                450_000,
                "Tinta dan kertas pelayanan surat",
                "CV Cahaya Abadi",
            ),
            (
                2,
                600_000,
                "Cetak papan informasi APBDes",
                "Percetakan Maju",
            ),
            (4, 1_200_000, "Timbangan bayi posyandu", "Toko Alkes Sehat"),
        ];
        for (langkah, (i, n, uraian, penerima)) in menunggu.into_iter().enumerate() {
            let spp = self
                .ajukan_spp(
                    desa_id,
                    &SppBaru {
                        tanggal: hari_ini,
                        uraian: uraian.into(),
                        penerima: penerima.into(),
                        rincian: vec![(k(i), n)],
                        alasan_lebih: None,
                    },
                    &operator,
                )
                .await?;
            if langkah >= 1 {
                self.periksa_spp(desa_id, spp, true, "", &sekdes).await?;
            }
            if langkah >= 2 {
                self.setujui_spp(desa_id, spp, true, "", &kades).await?;
            }
        }
        Ok(())
    }
}
