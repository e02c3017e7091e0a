-- Documents attached to a letter request, and officials allowed to sign on the head's behalf
-- (a.n./u.b.) (PostgreSQL).

CREATE TABLE surat_lampiran (
    desa_id TEXT NOT NULL,
    surat_id UUID NOT NULL,
    id UUID NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    isi BYTEA NOT NULL,
    ukuran BIGINT NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, surat_id, id),
    FOREIGN KEY (desa_id, surat_id) REFERENCES surat(desa_id, id)
);

CREATE TABLE penandatangan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    pengguna_id UUID NOT NULL REFERENCES pengguna(id),
    jabatan TEXT NOT NULL,
    atas_nama TEXT NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, pengguna_id)
);
