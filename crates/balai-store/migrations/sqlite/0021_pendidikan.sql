-- Education: the yearly school check of the village's children aged 3–18 (SQLite).

-- One row per child per school year (tahun = the year it starts: 2026 for 2026/2027). status is
-- one of sekolah, paud, tidak_sekolah, putus_sekolah, lulus; jenjang one of paud, sd, smp, sma,
-- slb, paket, pt or empty. potensi_id names the school when it is in the village's potential
-- data (no foreign key: a potential entry may be deleted, nama_sekolah keeps its name).
-- A second check for the same year changes this row (versi + 1), never adds one.
CREATE TABLE cek_sekolah (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    tahun INTEGER NOT NULL,
    status TEXT NOT NULL,
    jenjang TEXT NOT NULL DEFAULT '',
    nama_sekolah TEXT NOT NULL DEFAULT '',
    potensi_id BLOB,
    alasan TEXT NOT NULL DEFAULT '',
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penduduk_id, tahun),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX cek_sekolah_tahun ON cek_sekolah(desa_id, tahun, status);
