-- A letter number is unique within its village: the last guard behind the counters (SQLite).
CREATE UNIQUE INDEX surat_nomor_unik ON surat(desa_id, nomor);
