-- Village planning and finance (Permendagri 20/2018). Money is whole rupiah.

CREATE TABLE usulan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    judul TEXT NOT NULL,
    jenis_pengusul TEXT NOT NULL,
    pengusul TEXT NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    bidang TEXT NOT NULL,
    perkiraan_biaya BIGINT NOT NULL,
    penerima_manfaat BIGINT NOT NULL DEFAULT 0,
    uraian TEXT NOT NULL DEFAULT '',
    gambar TEXT,
    status TEXT NOT NULL DEFAULT 'diajukan',
    peringkat BIGINT,
    musyawarah_id UUID,
    catatan TEXT NOT NULL DEFAULT '',
    -- A resident who proposed it through the portal.
    penduduk_id UUID,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX usulan_tahun ON usulan(desa_id, tahun, status);

CREATE TABLE musyawarah (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    jenis TEXT NOT NULL,
    tahun BIGINT NOT NULL,
    tanggal DATE NOT NULL,
    tempat TEXT NOT NULL,
    jumlah_peserta BIGINT NOT NULL,
    peserta TEXT NOT NULL DEFAULT '',
    keputusan TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);

-- RPJMDes (6 years) and RKPDes (one year) activities.
CREATE TABLE rencana (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    dokumen TEXT NOT NULL,
    tahun_awal BIGINT NOT NULL,
    tahun_akhir BIGINT NOT NULL,
    kode_kegiatan TEXT NOT NULL,
    nama TEXT NOT NULL,
    lokasi TEXT NOT NULL DEFAULT '',
    volume TEXT NOT NULL DEFAULT '',
    biaya BIGINT NOT NULL,
    sumber_dana TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX rencana_tahun ON rencana(desa_id, dokumen, tahun_awal);

CREATE TABLE rencana_usulan (
    desa_id TEXT NOT NULL,
    rencana_id UUID NOT NULL,
    usulan_id UUID NOT NULL,
    PRIMARY KEY (desa_id, rencana_id, usulan_id),
    FOREIGN KEY (desa_id, rencana_id) REFERENCES rencana(desa_id, id) ON DELETE CASCADE,
    FOREIGN KEY (desa_id, usulan_id) REFERENCES usulan(desa_id, id)
);

-- One version of a year's budget: 1 is the original, later ones are amendments (perubahan).
CREATE TABLE apbdes (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    versi BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draf',
    tanggal_sepakat DATE,
    nomor_perdes TEXT NOT NULL DEFAULT '',
    tanggal_perdes DATE,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, tahun, versi)
);

-- A budget line; `kunci` stays the same across versions so spending and differences follow it.
CREATE TABLE apbdes_baris (
    desa_id TEXT NOT NULL,
    id UUID NOT NULL,
    apbdes_id UUID NOT NULL,
    kunci UUID NOT NULL,
    kode_kegiatan TEXT NOT NULL DEFAULT '',
    kode_rekening TEXT NOT NULL,
    uraian TEXT NOT NULL,
    volume BIGINT NOT NULL,
    satuan TEXT NOT NULL,
    harga_satuan BIGINT NOT NULL,
    jumlah BIGINT NOT NULL,
    sumber_dana TEXT NOT NULL,
    rencana_id UUID,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, apbdes_id, kunci),
    FOREIGN KEY (desa_id, apbdes_id) REFERENCES apbdes(desa_id, id) ON DELETE CASCADE
);

-- One row per village and year: locks the year's books during a write and marks it closed.
CREATE TABLE tahun_buku (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tahun BIGINT NOT NULL,
    putaran BIGINT NOT NULL DEFAULT 0,
    ditutup_pada TIMESTAMPTZ,
    ditutup_oleh TEXT,
    PRIMARY KEY (desa_id, tahun)
);

-- Payment request (SPP): filed, checked by the secretary, approved by the head, paid.
CREATE TABLE spp (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    nomor BIGINT NOT NULL,
    tanggal DATE NOT NULL,
    uraian TEXT NOT NULL,
    penerima TEXT NOT NULL,
    jumlah BIGINT NOT NULL,
    status TEXT NOT NULL,
    diajukan_oleh TEXT NOT NULL,
    diperiksa_oleh TEXT,
    disetujui_oleh TEXT,
    alasan_tolak TEXT,
    alasan_lebih TEXT,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, tahun, nomor)
);
CREATE INDEX spp_status ON spp(desa_id, tahun, status);

CREATE TABLE spp_rincian (
    desa_id TEXT NOT NULL,
    spp_id UUID NOT NULL,
    baris_kunci UUID NOT NULL,
    nilai BIGINT NOT NULL,
    PRIMARY KEY (desa_id, spp_id, baris_kunci),
    FOREIGN KEY (desa_id, spp_id) REFERENCES spp(desa_id, id)
);

-- General cash book (buku kas umum): receipts, payments, taxes withheld and deposited.
CREATE TABLE kas (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    tahun BIGINT NOT NULL,
    nomor BIGINT NOT NULL,
    tanggal DATE NOT NULL,
    jenis TEXT NOT NULL,
    uraian TEXT NOT NULL,
    nomor_bukti TEXT NOT NULL DEFAULT '',
    baris_kunci UUID,
    kode_rekening TEXT NOT NULL DEFAULT '',
    kode_kegiatan TEXT NOT NULL DEFAULT '',
    sumber_dana TEXT NOT NULL DEFAULT '',
    pajak TEXT NOT NULL DEFAULT '',
    masuk BIGINT NOT NULL DEFAULT 0,
    keluar BIGINT NOT NULL DEFAULT 0,
    rekening TEXT NOT NULL DEFAULT 'bank',
    spp_id UUID,
    bukti BYTEA,
    bukti_mime TEXT,
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, tahun, nomor)
);
CREATE INDEX kas_tanggal ON kas(desa_id, tahun, tanggal);
CREATE INDEX kas_baris ON kas(desa_id, baris_kunci);

ALTER TABLE proyek ADD COLUMN kode_kegiatan TEXT NOT NULL DEFAULT '';
