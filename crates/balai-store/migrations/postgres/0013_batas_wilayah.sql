-- The village boundary as a GeoJSON MultiPolygon (empty when none was imported).
ALTER TABLE situs_desa ADD COLUMN batas_wilayah TEXT NOT NULL DEFAULT '';
