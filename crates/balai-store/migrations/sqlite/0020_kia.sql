-- Mothers and children (KIA): immunisations given, pregnancies with their antenatal visits and
-- outcome (sqlite).

-- One row per dose given; the schedule itself is in balai-domain (kesehatan::imunisasi).
CREATE TABLE imunisasi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    vaksin TEXT NOT NULL,
    dosis INTEGER NOT NULL,
    tanggal TEXT NOT NULL,
    posyandu_id BLOB,
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penduduk_id, vaksin, dosis),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);

-- A pregnancy of a resident, from registration at the posyandu or midwife to its outcome.
CREATE TABLE kehamilan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    hpht TEXT,
    hpl TEXT NOT NULL,
    kehamilan_ke INTEGER NOT NULL DEFAULT 1,
    -- hamil, selesai
    status TEXT NOT NULL DEFAULT 'hamil',
    -- '', lahir_hidup, lahir_mati, keguguran
    hasil TEXT NOT NULL DEFAULT '',
    tanggal_selesai TEXT,
    anak_id BLOB,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX kehamilan_ibu ON kehamilan(desa_id, penduduk_id);

-- Antenatal visits (pemeriksaan kehamilan) and what was given or done at each.
CREATE TABLE kunjungan_hamil (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    kehamilan_id BLOB NOT NULL,
    tanggal TEXT NOT NULL,
    usia_minggu INTEGER NOT NULL,
    berat REAL,
    lila REAL,
    sistolik INTEGER,
    diastolik INTEGER,
    tablet_fe INTEGER NOT NULL DEFAULT 0,
    konseling_gizi INTEGER NOT NULL DEFAULT 0,
    kunjungan_rumah INTEGER NOT NULL DEFAULT 0,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, kehamilan_id, tanggal),
    FOREIGN KEY (desa_id, kehamilan_id) REFERENCES kehamilan(desa_id, id)
);

-- An API token may read health records only when made for that (puskesmas, Dinas Kesehatan).
ALTER TABLE token_api ADD COLUMN kesehatan INTEGER NOT NULL DEFAULT 0;

-- The district's monthly nutrition figures read one month of every village's measurements.
CREATE INDEX penimbangan_tanggal ON penimbangan(tanggal, desa_id);
