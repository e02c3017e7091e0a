-- Stunting convergence: a family's drinking water and latrine as last checked by a cadre or the
-- village (the other indicators come from the registry and the education module) (postgres).
CREATE TABLE konvergensi_keluarga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    keluarga_id UUID NOT NULL,
    air_minum_layak BOOLEAN NOT NULL,
    jamban_sehat BOOLEAN NOT NULL,
    dicek_pada DATE NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, keluarga_id),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id)
);
