-- The village's public website: settings, officials, images, articles, village potential,
-- development projects and the budget summary shown to the public (SQLite).

CREATE TABLE situs_desa (
    desa_id TEXT PRIMARY KEY REFERENCES desa(desa_id),
    slug TEXT NOT NULL UNIQUE,
    nama_host TEXT UNIQUE,
    warna TEXT NOT NULL DEFAULT '#1f6f43',
    semboyan TEXT NOT NULL DEFAULT '',
    sejarah TEXT NOT NULL DEFAULT '',
    visi TEXT NOT NULL DEFAULT '',
    misi TEXT NOT NULL DEFAULT '',
    luas_wilayah TEXT NOT NULL DEFAULT '',
    batas_utara TEXT NOT NULL DEFAULT '',
    batas_selatan TEXT NOT NULL DEFAULT '',
    batas_timur TEXT NOT NULL DEFAULT '',
    batas_barat TEXT NOT NULL DEFAULT '',
    jam_layanan TEXT NOT NULL DEFAULT '',
    sampul TEXT,
    diubah_pada TEXT NOT NULL
);

CREATE TABLE situs_gambar (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    token TEXT NOT NULL,
    mime TEXT NOT NULL,
    lebar INTEGER NOT NULL,
    tinggi INTEGER NOT NULL,
    isi BLOB NOT NULL,
    keterangan TEXT NOT NULL DEFAULT '',
    galeri INTEGER NOT NULL DEFAULT 0,
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, token)
);
CREATE INDEX situs_gambar_galeri ON situs_gambar(desa_id, galeri, dibuat_pada);

CREATE TABLE situs_pejabat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    kelompok TEXT NOT NULL,
    nama TEXT NOT NULL,
    jabatan TEXT NOT NULL,
    urut INTEGER NOT NULL DEFAULT 0,
    foto TEXT,
    PRIMARY KEY (desa_id, id)
);

CREATE TABLE artikel (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    kategori TEXT NOT NULL DEFAULT '',
    judul TEXT NOT NULL,
    slug TEXT NOT NULL,
    ringkasan TEXT NOT NULL DEFAULT '',
    isi_html TEXT NOT NULL,
    gambar TEXT,
    waktu_acara TEXT,
    tempat TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    terbit_pada TEXT,
    penulis TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, slug)
);
CREATE INDEX artikel_terbit ON artikel(desa_id, status, terbit_pada);

CREATE TABLE potensi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    nama TEXT NOT NULL,
    uraian TEXT NOT NULL DEFAULT '',
    produk TEXT NOT NULL DEFAULT '',
    kontak TEXT NOT NULL DEFAULT '',
    alamat TEXT NOT NULL DEFAULT '',
    lintang REAL,
    bujur REAL,
    gambar TEXT,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX potensi_jenis ON potensi(desa_id, jenis, nama);

CREATE TABLE proyek (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    tahun INTEGER NOT NULL,
    nama TEXT NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    anggaran INTEGER NOT NULL,
    sumber_dana TEXT NOT NULL,
    pelaksana TEXT NOT NULL DEFAULT '',
    progres INTEGER NOT NULL DEFAULT 0,
    uraian TEXT NOT NULL DEFAULT '',
    gambar TEXT,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX proyek_tahun ON proyek(desa_id, tahun);

CREATE TABLE apbdes_ringkas (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tahun INTEGER NOT NULL,
    kelompok TEXT NOT NULL,
    kode TEXT NOT NULL,
    uraian TEXT NOT NULL,
    anggaran INTEGER NOT NULL,
    realisasi INTEGER NOT NULL DEFAULT 0,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, tahun, kelompok, kode)
);

CREATE TABLE lapak (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    token TEXT NOT NULL UNIQUE,
    penduduk_id BLOB,
    nama_penjual TEXT NOT NULL,
    kontak TEXT NOT NULL,
    nama TEXT NOT NULL,
    kategori TEXT NOT NULL,
    uraian TEXT NOT NULL DEFAULT '',
    harga INTEGER NOT NULL,
    satuan TEXT NOT NULL DEFAULT '',
    stok TEXT NOT NULL,
    gambar TEXT,
    status TEXT NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX lapak_tayang ON lapak(desa_id, status, diubah_pada);
CREATE INDEX lapak_penjual ON lapak(desa_id, penduduk_id);
