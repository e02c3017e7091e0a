-- The village's public website: settings, officials, images, articles, village potential,
-- development projects and the budget summary shown to the public (PostgreSQL).

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
    diubah_pada TIMESTAMPTZ NOT NULL
);

CREATE TABLE situs_gambar (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    token TEXT NOT NULL,
    mime TEXT NOT NULL,
    lebar BIGINT NOT NULL,
    tinggi BIGINT NOT NULL,
    isi BYTEA NOT NULL,
    keterangan TEXT NOT NULL DEFAULT '',
    galeri BOOLEAN NOT NULL DEFAULT FALSE,
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, token)
);
CREATE INDEX situs_gambar_galeri ON situs_gambar(desa_id, galeri, dibuat_pada);

CREATE TABLE situs_pejabat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    kelompok TEXT NOT NULL,
    nama TEXT NOT NULL,
    jabatan TEXT NOT NULL,
    urut BIGINT NOT NULL DEFAULT 0,
    foto TEXT,
    PRIMARY KEY (desa_id, id)
);

CREATE TABLE artikel (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    jenis TEXT NOT NULL,
    kategori TEXT NOT NULL DEFAULT '',
    judul TEXT NOT NULL,
    slug TEXT NOT NULL,
    ringkasan TEXT NOT NULL DEFAULT '',
    isi_html TEXT NOT NULL,
    gambar TEXT,
    waktu_acara TIMESTAMPTZ,
    tempat TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    terbit_pada TIMESTAMPTZ,
    penulis TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, slug)
);
CREATE INDEX artikel_terbit ON artikel(desa_id, status, terbit_pada);

CREATE TABLE potensi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    jenis TEXT NOT NULL,
    nama TEXT NOT NULL,
    uraian TEXT NOT NULL DEFAULT '',
    produk TEXT NOT NULL DEFAULT '',
    kontak TEXT NOT NULL DEFAULT '',
    alamat TEXT NOT NULL DEFAULT '',
    lintang DOUBLE PRECISION,
    bujur DOUBLE PRECISION,
    gambar TEXT,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX potensi_jenis ON potensi(desa_id, jenis, nama);

CREATE TABLE proyek (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    nama TEXT NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    anggaran BIGINT NOT NULL,
    sumber_dana TEXT NOT NULL,
    pelaksana TEXT NOT NULL DEFAULT '',
    progres BIGINT NOT NULL DEFAULT 0,
    uraian TEXT NOT NULL DEFAULT '',
    gambar TEXT,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX proyek_tahun ON proyek(desa_id, tahun);

CREATE TABLE apbdes_ringkas (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tahun BIGINT NOT NULL,
    kelompok TEXT NOT NULL,
    kode TEXT NOT NULL,
    uraian TEXT NOT NULL,
    anggaran BIGINT NOT NULL,
    realisasi BIGINT NOT NULL DEFAULT 0,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, tahun, kelompok, kode)
);

CREATE TABLE lapak (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    token TEXT NOT NULL UNIQUE,
    penduduk_id UUID,
    nama_penjual TEXT NOT NULL,
    kontak TEXT NOT NULL,
    nama TEXT NOT NULL,
    kategori TEXT NOT NULL,
    uraian TEXT NOT NULL DEFAULT '',
    harga BIGINT NOT NULL,
    satuan TEXT NOT NULL DEFAULT '',
    stok TEXT NOT NULL,
    gambar TEXT,
    status TEXT NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX lapak_tayang ON lapak(desa_id, status, diubah_pada);
CREATE INDEX lapak_penjual ON lapak(desa_id, penduduk_id);
