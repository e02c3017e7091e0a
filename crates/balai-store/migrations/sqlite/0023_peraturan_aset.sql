-- Regulations and decisions of the village, its inventory and its land registers (SQLite).

-- A regulation or decision from draft to promulgation. jenis: perdes, perkades, perdes_bersama,
-- keputusan. pokok (Perdes only): apbdes, pungutan, tata_ruang, organisasi (these need the
-- camat's/bupati's evaluation) or lain. tahap: rancangan, disepakati (with BPD), dievaluasi,
-- ditetapkan, diundangkan. nomor/tahun once enacted (unique per kind and year); lembaran is
-- 'lembaran' (Lembaran Desa) or 'berita' (Berita Desa) once promulgated, with its own number
-- unique per year. token is the public download link (only for enacted ones).
CREATE TABLE peraturan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    pokok TEXT NOT NULL DEFAULT 'lain',
    tentang TEXT NOT NULL,
    uraian TEXT NOT NULL DEFAULT '',
    tahap TEXT NOT NULL,
    tanggal_sepakat TEXT,
    nomor_evaluasi TEXT NOT NULL DEFAULT '',
    tanggal_evaluasi TEXT,
    nomor TEXT,
    tahun INTEGER,
    tanggal_tetap TEXT,
    nomor_lapor TEXT NOT NULL DEFAULT '',
    tanggal_lapor TEXT,
    lembaran TEXT NOT NULL DEFAULT '',
    nomor_undang TEXT,
    tahun_undang INTEGER,
    tanggal_undang TEXT,
    keterangan TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL,
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, token)
);
CREATE UNIQUE INDEX peraturan_nomor ON peraturan(desa_id, jenis, tahun, nomor);
CREATE UNIQUE INDEX peraturan_undang ON peraturan(desa_id, lembaran, tahun_undang, nomor_undang);
CREATE INDEX peraturan_tetap ON peraturan(desa_id, tanggal_tetap);

-- The regulation's text as signed (PDF only), one per regulation; replaced, never versioned.
CREATE TABLE peraturan_dokumen (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    peraturan_id BLOB NOT NULL,
    nama TEXT NOT NULL,
    ukuran INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    isi BLOB NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, peraturan_id),
    FOREIGN KEY (desa_id, peraturan_id) REFERENCES peraturan(desa_id, id)
);

-- The village's inventory (KIB A–F). asal: dibeli, pusat, provinsi, kabupaten, sumbangan;
-- kas_id the APBDes payment it was bought with. kondisi is the latest of inventaris_kondisi.
-- A disposed item keeps its row (hapus_alasan rusak, dijual or disumbangkan, with its date).
CREATE TABLE inventaris (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    kib TEXT NOT NULL,
    nama TEXT NOT NULL,
    kode_barang TEXT NOT NULL DEFAULT '',
    nomor_register TEXT NOT NULL DEFAULT '',
    jumlah INTEGER NOT NULL,
    satuan TEXT NOT NULL DEFAULT '',
    tanggal_peroleh TEXT NOT NULL,
    nilai INTEGER NOT NULL,
    asal TEXT NOT NULL,
    kas_id BLOB,
    kondisi TEXT NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    keterangan TEXT NOT NULL DEFAULT '',
    hapus_alasan TEXT NOT NULL DEFAULT '',
    hapus_tanggal TEXT,
    hapus_catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, kas_id) REFERENCES kas(desa_id, id)
);
CREATE INDEX inventaris_kib ON inventaris(desa_id, kib, nama);

-- Every condition an item was found in, from the day it was acquired: the book of the year
-- reads the condition at its start and its end from here.
CREATE TABLE inventaris_kondisi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    inventaris_id BLOB NOT NULL,
    tanggal TEXT NOT NULL,
    kondisi TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, inventaris_id) REFERENCES inventaris(desa_id, id)
);
CREATE INDEX inventaris_kondisi_barang ON inventaris_kondisi(desa_id, inventaris_id, tanggal);

-- Photos of an item (JPEG or PNG).
CREATE TABLE inventaris_foto (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    inventaris_id BLOB NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    ukuran INTEGER NOT NULL,
    isi BLOB NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, inventaris_id) REFERENCES inventaris(desa_id, id)
);
CREATE INDEX inventaris_foto_barang ON inventaris_foto(desa_id, inventaris_id);

-- Tanah kas desa (book A.5). perolehan: asli, pusat, provinsi, kabupaten, lain; jenis: sawah,
-- tegal, kebun, tambak, kering. luas in m².
CREATE TABLE tanah_kas_desa (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    asal TEXT NOT NULL,
    nomor_sertifikat TEXT NOT NULL DEFAULT '',
    luas INTEGER NOT NULL,
    kelas TEXT NOT NULL DEFAULT '',
    perolehan TEXT NOT NULL,
    tanggal_peroleh TEXT,
    jenis TEXT NOT NULL,
    patok INTEGER NOT NULL,
    papan_nama INTEGER NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    peruntukan TEXT NOT NULL DEFAULT '',
    mutasi TEXT NOT NULL DEFAULT '',
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);

-- Tanah di desa (book A.6): land in the village by owner. luas_hak and luas_guna are JSON
-- objects of m² per right status (hm, hgb, hp, hgu, hpl, ma, vi, tn) and per land use.
CREATE TABLE tanah_desa (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    pemilik TEXT NOT NULL,
    jenis_pemilik TEXT NOT NULL,
    luas INTEGER NOT NULL,
    luas_hak TEXT NOT NULL DEFAULT '{}',
    luas_guna TEXT NOT NULL DEFAULT '{}',
    lokasi TEXT NOT NULL DEFAULT '',
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX tanah_desa_pemilik ON tanah_desa(desa_id, pemilik);
