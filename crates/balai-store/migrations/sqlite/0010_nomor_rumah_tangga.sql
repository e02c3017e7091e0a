-- Household numbers come from a counter per village: count(*) + 1 gave two households the
-- same number when two were created at once (PostgreSQL answered 500).
CREATE TABLE nomor_rumah_tangga (
    desa_id TEXT NOT NULL PRIMARY KEY,
    terakhir INTEGER NOT NULL,
    FOREIGN KEY (desa_id) REFERENCES desa(desa_id)
);
INSERT INTO nomor_rumah_tangga (desa_id, terakhir)
SELECT desa_id, max(CAST(nomor AS INTEGER)) FROM rumah_tangga GROUP BY desa_id;
