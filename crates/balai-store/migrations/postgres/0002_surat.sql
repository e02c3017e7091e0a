-- Letters: per-village types and settings, numbering counters, signing keys, letters and their
-- timeline (PostgreSQL).

CREATE TABLE surat_pengaturan (
    desa_id TEXT PRIMARY KEY REFERENCES desa(desa_id),
    format_nomor TEXT NOT NULL,
    lingkup_nomor TEXT NOT NULL DEFAULT 'jenis',
    kertas TEXT NOT NULL DEFAULT 'F4',
    tempat TEXT NOT NULL DEFAULT '',
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL
);

CREATE TABLE jenis_surat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    kode TEXT NOT NULL,
    definisi TEXT NOT NULL,
    format_nomor TEXT NOT NULL DEFAULT '',
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    urutan BIGINT NOT NULL DEFAULT 0,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, kode)
);

CREATE TABLE nomor_surat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    lingkup TEXT NOT NULL,
    tahun BIGINT NOT NULL,
    terakhir BIGINT NOT NULL,
    PRIMARY KEY (desa_id, lingkup, tahun)
);

CREATE TABLE kunci_desa (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id TEXT NOT NULL,
    publik BYTEA NOT NULL,
    rahasia BYTEA NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    pensiun_pada TIMESTAMPTZ,
    PRIMARY KEY (desa_id, id)
);

CREATE TABLE surat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    jenis_kode TEXT NOT NULL,
    jenis_nama TEXT NOT NULL,
    penduduk_id UUID NOT NULL,
    nama_pemohon TEXT NOT NULL,
    isian TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    kanal TEXT NOT NULL,
    kertas TEXT NOT NULL,
    biaya BIGINT NOT NULL DEFAULT 0,
    diajukan_oleh TEXT NOT NULL,
    diajukan_pada TIMESTAMPTZ NOT NULL,
    nomor TEXT,
    nomor_urut BIGINT,
    lingkup_nomor TEXT,
    tahun BIGINT,
    tanggal DATE,
    berlaku_sampai DATE,
    penanda_nama TEXT,
    penanda_jabatan TEXT,
    atas_nama TEXT,
    kunci_id TEXT,
    muatan TEXT,
    tanda_tangan TEXT,
    token TEXT,
    pdf BYTEA,
    diterbitkan_oleh TEXT,
    diterbitkan_pada TIMESTAMPTZ,
    alasan TEXT,
    pengganti_dari UUID,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, lingkup_nomor, tahun, nomor_urut),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE UNIQUE INDEX surat_token ON surat(token);
CREATE INDEX surat_status ON surat(desa_id, status, diajukan_pada);
CREATE INDEX surat_penduduk ON surat(desa_id, penduduk_id);
CREATE INDEX surat_terbit ON surat(desa_id, diterbitkan_pada);

CREATE TABLE surat_riwayat (
    desa_id TEXT NOT NULL,
    surat_id UUID NOT NULL,
    urut BIGINT NOT NULL,
    waktu TIMESTAMPTZ NOT NULL,
    aktor TEXT NOT NULL,
    status TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, surat_id, urut),
    FOREIGN KEY (desa_id, surat_id) REFERENCES surat(desa_id, id)
);
