-- Mothers and children (KIA): immunisations given, pregnancies with their antenatal visits and
-- outcome (postgres).

-- One row per dose given; the schedule itself is in balai-domain (kesehatan::imunisasi).
CREATE TABLE imunisasi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    penduduk_id UUID NOT NULL,
    vaksin TEXT NOT NULL,
    dosis BIGINT NOT NULL,
    tanggal DATE NOT NULL,
    posyandu_id UUID,
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TIMESTAMPTZ NOT NULL,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penduduk_id, vaksin, dosis),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);

-- A pregnancy of a resident, from registration at the posyandu or midwife to its outcome.
CREATE TABLE kehamilan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    penduduk_id UUID NOT NULL,
    hpht DATE,
    hpl DATE NOT NULL,
    kehamilan_ke BIGINT NOT NULL DEFAULT 1,
    -- hamil, selesai
    status TEXT NOT NULL DEFAULT 'hamil',
    -- '', lahir_hidup, lahir_mati, keguguran
    hasil TEXT NOT NULL DEFAULT '',
    tanggal_selesai DATE,
    anak_id UUID,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX kehamilan_ibu ON kehamilan(desa_id, penduduk_id);

-- Antenatal visits (pemeriksaan kehamilan) and what was given or done at each.
CREATE TABLE kunjungan_hamil (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    kehamilan_id UUID NOT NULL,
    tanggal DATE NOT NULL,
    usia_minggu BIGINT NOT NULL,
    berat DOUBLE PRECISION,
    lila DOUBLE PRECISION,
    sistolik BIGINT,
    diastolik BIGINT,
    tablet_fe BIGINT NOT NULL DEFAULT 0,
    konseling_gizi BOOLEAN NOT NULL DEFAULT FALSE,
    kunjungan_rumah BOOLEAN NOT NULL DEFAULT FALSE,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TIMESTAMPTZ NOT NULL,
    versi BIGINT NOT NULL DEFAULT 1,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, kehamilan_id, tanggal),
    FOREIGN KEY (desa_id, kehamilan_id) REFERENCES kehamilan(desa_id, id)
);

-- An API token may read health records only when made for that (puskesmas, Dinas Kesehatan).
ALTER TABLE token_api ADD COLUMN kesehatan BOOLEAN NOT NULL DEFAULT FALSE;

-- The district's monthly nutrition figures read one month of every village's measurements.
CREATE INDEX penimbangan_tanggal ON penimbangan(tanggal, desa_id);
