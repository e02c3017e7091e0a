-- Civil registration applications (permohonan adminduk) collected at the village and worked
-- by Dukcapil, with their attachments and every step (PostgreSQL).

CREATE TABLE adminduk (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    nomor TEXT NOT NULL,
    jenis TEXT NOT NULL,
    status TEXT NOT NULL,
    pemohon_id UUID NOT NULL,
    subjek_id UUID,
    isian TEXT NOT NULL DEFAULT '{}',
    kanal TEXT NOT NULL,
    persetujuan_pada TIMESTAMPTZ NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    hasil TEXT NOT NULL DEFAULT '{}',
    diproses_oleh TEXT NOT NULL DEFAULT '',
    diajukan_pada TIMESTAMPTZ NOT NULL,
    diteruskan_pada TIMESTAMPTZ,
    selesai_pada TIMESTAMPTZ,
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (nomor),
    FOREIGN KEY (desa_id, pemohon_id) REFERENCES penduduk(desa_id, id),
    FOREIGN KEY (desa_id, subjek_id) REFERENCES penduduk(desa_id, id)
);
-- The queues sort by the time of the last step (diubah_pada): a village's list, the Dukcapil
-- queue of one status across a region, and one type across a region.
CREATE INDEX adminduk_desa ON adminduk(desa_id, diubah_pada, id);
CREATE INDEX adminduk_antrean ON adminduk(status, diubah_pada, id);
CREATE INDEX adminduk_jenis ON adminduk(jenis, diubah_pada, id);
CREATE INDEX adminduk_hitung ON adminduk(status, desa_id);
CREATE INDEX adminduk_waktu ON adminduk(diubah_pada, id);
-- A typed start of a reference number ("AD-7K3") finds it under any collation.
CREATE INDEX adminduk_nomor_awalan ON adminduk(nomor text_pattern_ops);
CREATE INDEX adminduk_subjek ON adminduk(desa_id, subjek_id, jenis);
CREATE INDEX adminduk_pemohon ON adminduk(desa_id, pemohon_id);

CREATE TABLE adminduk_lampiran (
    desa_id TEXT NOT NULL,
    permohonan_id UUID NOT NULL,
    id UUID NOT NULL,
    syarat TEXT NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    isi BYTEA NOT NULL,
    ukuran BIGINT NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, permohonan_id, id),
    FOREIGN KEY (desa_id, permohonan_id) REFERENCES adminduk(desa_id, id)
);

-- Keyed by a time-ordered id, not a counter: the village and the district both append.
CREATE TABLE adminduk_riwayat (
    desa_id TEXT NOT NULL,
    permohonan_id UUID NOT NULL,
    id UUID NOT NULL,
    waktu TIMESTAMPTZ NOT NULL,
    aktor TEXT NOT NULL,
    status TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, permohonan_id, id),
    FOREIGN KEY (desa_id, permohonan_id) REFERENCES adminduk(desa_id, id)
);

-- A wrongly recorded event is annulled by a later event, never deleted: this points at it.
ALTER TABLE peristiwa ADD COLUMN dibatalkan_oleh UUID;
