-- Health: posyandu units and the monthly measurements of children under five (SQLite).

-- A posyandu serves the children living in one dusun (or one RW of it); an empty dusun means
-- the whole village.
CREATE TABLE posyandu (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nama TEXT NOT NULL,
    alamat TEXT NOT NULL DEFAULT '',
    dusun TEXT NOT NULL DEFAULT '',
    rw TEXT NOT NULL DEFAULT '',
    aktif INTEGER NOT NULL DEFAULT 1,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nama)
);

-- One row per child per posyandu day; the z-scores and growth status are computed when it is
-- recorded (WHO 2006 tables) and kept, so lists and dashboards read them without recomputing.
CREATE TABLE penimbangan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    posyandu_id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    tanggal TEXT NOT NULL,
    umur_hari INTEGER NOT NULL,
    berat REAL,
    panjang REAL,
    cara_ukur TEXT NOT NULL DEFAULT '',
    lingkar_kepala REAL,
    lila REAL,
    vitamin_a TEXT NOT NULL DEFAULT '',
    asi_eksklusif INTEGER NOT NULL DEFAULT 0,
    pmt INTEGER NOT NULL DEFAULT 0,
    obat_cacing INTEGER NOT NULL DEFAULT 0,
    imunisasi TEXT NOT NULL DEFAULT '',
    catatan TEXT NOT NULL DEFAULT '',
    z_bbu REAL,
    z_tbu REAL,
    z_bbtb REAL,
    z_imtu REAL,
    status_nt TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penduduk_id, tanggal),
    FOREIGN KEY (desa_id, posyandu_id) REFERENCES posyandu(desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX penimbangan_posyandu ON penimbangan(desa_id, posyandu_id, tanggal);
