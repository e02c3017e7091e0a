-- Resident self-service: PIN accounts and sessions, kiosks, complaints, data requests, and
-- the operator assigned to an online letter request (SQLite).

CREATE TABLE warga_akun (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    penduduk_id BLOB NOT NULL,
    pin_hash TEXT NOT NULL DEFAULT '',
    wajib_ganti_pin INTEGER NOT NULL DEFAULT 1,
    gagal INTEGER NOT NULL DEFAULT 0,
    terkunci_sampai TEXT,
    kode_hash TEXT,
    kode_kedaluwarsa TEXT,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, penduduk_id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);

CREATE TABLE warga_sesi (
    token_hash TEXT PRIMARY KEY,
    desa_id TEXT NOT NULL,
    penduduk_id BLOB NOT NULL,
    csrf TEXT NOT NULL,
    kanal TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL
);
CREATE INDEX warga_sesi_penduduk ON warga_sesi(desa_id, penduduk_id);

CREATE TABLE anjungan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nama TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    pengumuman TEXT NOT NULL DEFAULT '',
    terakhir_aktif TEXT,
    dicabut_pada TEXT,
    PRIMARY KEY (desa_id, id)
);

CREATE TABLE pengaduan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    kode_lacak TEXT NOT NULL UNIQUE,
    penduduk_id BLOB,
    nama_pelapor TEXT NOT NULL DEFAULT '',
    kontak TEXT NOT NULL DEFAULT '',
    kategori TEXT NOT NULL,
    judul TEXT NOT NULL,
    isi TEXT NOT NULL,
    foto BLOB,
    foto_mime TEXT,
    status TEXT NOT NULL,
    petugas TEXT,
    kanal TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX pengaduan_status ON pengaduan(desa_id, status, dibuat_pada);
CREATE INDEX pengaduan_penduduk ON pengaduan(desa_id, penduduk_id);

CREATE TABLE pengaduan_balasan (
    desa_id TEXT NOT NULL,
    pengaduan_id BLOB NOT NULL,
    urut INTEGER NOT NULL,
    waktu TEXT NOT NULL,
    dari_warga INTEGER NOT NULL,
    aktor TEXT NOT NULL,
    isi TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (desa_id, pengaduan_id, urut),
    FOREIGN KEY (desa_id, pengaduan_id) REFERENCES pengaduan(desa_id, id)
);

CREATE TABLE permintaan_data (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    kolom TEXT NOT NULL,
    nilai_baru TEXT NOT NULL,
    alasan TEXT NOT NULL,
    status TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    diputuskan_oleh TEXT,
    diputuskan_pada TEXT,
    dibuat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX permintaan_data_status ON permintaan_data(desa_id, status);

ALTER TABLE surat ADD COLUMN petugas TEXT;

-- Resident login looks a NIK up across the villages of an install.
CREATE INDEX penduduk_nik_hidup ON penduduk(nik) WHERE status_dasar = 1;
