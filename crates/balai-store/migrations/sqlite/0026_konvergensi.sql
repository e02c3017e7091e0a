-- Stunting convergence: a family's drinking water and latrine as last checked by a cadre or the
-- village (the other indicators come from the registry and the education module) (sqlite).
CREATE TABLE konvergensi_keluarga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    keluarga_id BLOB NOT NULL,
    air_minum_layak INTEGER NOT NULL,
    jamban_sehat INTEGER NOT NULL,
    dicek_pada TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, keluarga_id),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id)
);
