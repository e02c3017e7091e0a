-- Health: posyandu units and the monthly measurements of children under five (PostgreSQL).

-- A posyandu serves the children living in one dusun (or one RW of it); an empty dusun means
-- the whole village.
CREATE TABLE posyandu (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    nama TEXT NOT NULL,
    alamat TEXT NOT NULL DEFAULT '',
    dusun TEXT NOT NULL DEFAULT '',
    rw TEXT NOT NULL DEFAULT '',
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nama)
);

-- One row per child per posyandu day; the z-scores and growth status are computed when it is
-- recorded (WHO 2006 tables) and kept, so lists and dashboards read them without recomputing.
CREATE TABLE penimbangan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    posyandu_id UUID NOT NULL,
    penduduk_id UUID NOT NULL,
    tanggal DATE NOT NULL,
    umur_hari BIGINT NOT NULL,
    berat DOUBLE PRECISION,
    panjang DOUBLE PRECISION,
    cara_ukur TEXT NOT NULL DEFAULT '',
    lingkar_kepala DOUBLE PRECISION,
    lila DOUBLE PRECISION,
    vitamin_a TEXT NOT NULL DEFAULT '',
    asi_eksklusif BOOLEAN NOT NULL DEFAULT FALSE,
    pmt BOOLEAN NOT NULL DEFAULT FALSE,
    obat_cacing BOOLEAN NOT NULL DEFAULT FALSE,
    imunisasi TEXT NOT NULL DEFAULT '',
    catatan TEXT NOT NULL DEFAULT '',
    z_bbu DOUBLE PRECISION,
    z_tbu DOUBLE PRECISION,
    z_bbtb DOUBLE PRECISION,
    z_imtu DOUBLE PRECISION,
    status_nt TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TIMESTAMPTZ NOT NULL,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penduduk_id, tanggal),
    FOREIGN KEY (desa_id, posyandu_id) REFERENCES posyandu(desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX penimbangan_posyandu ON penimbangan(desa_id, posyandu_id, tanggal);
