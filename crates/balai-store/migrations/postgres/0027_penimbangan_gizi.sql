-- The district nutrition view reads a month of measurements of every village of a region: an
-- index that carries the columns it counts, so those rows come from the index alone. It
-- replaces the (tanggal, desa_id) index, which has the same key (postgres).
DROP INDEX penimbangan_tanggal;
CREATE INDEX penimbangan_gizi ON penimbangan(tanggal, desa_id)
    INCLUDE (penduduk_id, posyandu_id, z_tbu, z_bbtb, z_bbu);
