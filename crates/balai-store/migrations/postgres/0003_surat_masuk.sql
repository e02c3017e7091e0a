-- Register of incoming letters (buku agenda surat masuk) with a scanned attachment (PostgreSQL).

CREATE TABLE surat_masuk (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    nomor_urut BIGINT NOT NULL,
    tanggal_terima DATE NOT NULL,
    nomor_surat TEXT NOT NULL,
    tanggal_surat DATE NOT NULL,
    pengirim TEXT NOT NULL,
    isi_singkat TEXT NOT NULL,
    disposisi TEXT NOT NULL DEFAULT '',
    lampiran BYTEA,
    lampiran_mime TEXT,
    lampiran_nama TEXT,
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, tahun, nomor_urut)
);
CREATE INDEX surat_masuk_tanggal ON surat_masuk(desa_id, tanggal_terima);
