-- Civil registration applications (permohonan adminduk) collected at the village and worked
-- by Dukcapil, with their attachments and every step (SQLite).

CREATE TABLE adminduk (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nomor TEXT NOT NULL,
    jenis TEXT NOT NULL,
    status TEXT NOT NULL,
    pemohon_id BLOB NOT NULL,
    subjek_id BLOB,
    isian TEXT NOT NULL DEFAULT '{}',
    kanal TEXT NOT NULL,
    persetujuan_pada TEXT NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    hasil TEXT NOT NULL DEFAULT '{}',
    diproses_oleh TEXT NOT NULL DEFAULT '',
    diajukan_pada TEXT NOT NULL,
    diteruskan_pada TEXT,
    selesai_pada TEXT,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
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
CREATE INDEX adminduk_subjek ON adminduk(desa_id, subjek_id, jenis);
CREATE INDEX adminduk_pemohon ON adminduk(desa_id, pemohon_id);

CREATE TABLE adminduk_lampiran (
    desa_id TEXT NOT NULL,
    permohonan_id BLOB NOT NULL,
    id BLOB NOT NULL,
    syarat TEXT NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    isi BLOB NOT NULL,
    ukuran INTEGER NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, permohonan_id, id),
    FOREIGN KEY (desa_id, permohonan_id) REFERENCES adminduk(desa_id, id)
);

-- Keyed by a time-ordered id, not a counter: the village and the district both append.
CREATE TABLE adminduk_riwayat (
    desa_id TEXT NOT NULL,
    permohonan_id BLOB NOT NULL,
    id BLOB NOT NULL,
    waktu TEXT NOT NULL,
    aktor TEXT NOT NULL,
    status TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, permohonan_id, id),
    FOREIGN KEY (desa_id, permohonan_id) REFERENCES adminduk(desa_id, id)
);

-- A wrongly recorded event is annulled by a later event, never deleted: this points at it.
ALTER TABLE peristiwa ADD COLUMN dibatalkan_oleh BLOB;
