-- Social protection: welfare data per family (as delivered by the ministry, and the village's
-- own survey), proposals to the DTKS/DTSEN update channel, aid programmes with their rules,
-- recipients and distributions, resolved check flags, and death benefit claims (SQLite).

-- History: the latest row of a family is its current data; nothing is overwritten.
CREATE TABLE kesejahteraan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    keluarga_id BLOB NOT NULL,
    status_dtks TEXT NOT NULL,
    desil INTEGER,
    id_dtks TEXT NOT NULL DEFAULT '',
    sumber TEXT NOT NULL,
    kriteria TEXT NOT NULL DEFAULT '',
    jumlah_kriteria INTEGER,
    tanggal_data TEXT NOT NULL,
    surveyor TEXT NOT NULL DEFAULT '',
    catatan TEXT NOT NULL DEFAULT '',
    foto BLOB,
    foto_mime TEXT,
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id)
);
CREATE INDEX kesejahteraan_keluarga ON kesejahteraan(desa_id, keluarga_id, dicatat_pada);

CREATE TABLE usulan_dtks (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    keluarga_id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    alasan TEXT NOT NULL,
    musyawarah_tanggal TEXT NOT NULL,
    berita_acara TEXT NOT NULL,
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id)
);
CREATE INDEX usulan_dtks_tanggal ON usulan_dtks(desa_id, musyawarah_tanggal);

CREATE TABLE program_bantuan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    sasaran TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    mulai TEXT NOT NULL,
    selesai TEXT NOT NULL,
    nominal INTEGER NOT NULL DEFAULT 0,
    bentuk TEXT NOT NULL DEFAULT '',
    asal_dana TEXT NOT NULL DEFAULT '',
    baris_kunci BLOB,
    aturan TEXT NOT NULL DEFAULT '{}',
    publikasi INTEGER NOT NULL DEFAULT 0,
    keterangan TEXT NOT NULL DEFAULT '',
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, kode, tahun)
);

-- One row per target and programme: the person who receives (the KPM's representative for a
-- family programme) and, for a family programme, the family.
CREATE TABLE penerima_bantuan (
    desa_id TEXT NOT NULL,
    id BLOB NOT NULL,
    program_id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    keluarga_id BLOB,
    dasar TEXT NOT NULL DEFAULT '',
    aktif INTEGER NOT NULL DEFAULT 1,
    alasan_berhenti TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, program_id, penduduk_id),
    FOREIGN KEY (desa_id, program_id) REFERENCES program_bantuan(desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id)
);
CREATE INDEX penerima_bantuan_penduduk ON penerima_bantuan(desa_id, penduduk_id);
CREATE INDEX penerima_bantuan_keluarga ON penerima_bantuan(desa_id, keluarga_id);

-- One distribution per recipient and period (YYYY-MM), with its proof of receipt.
CREATE TABLE penyaluran (
    desa_id TEXT NOT NULL,
    id BLOB NOT NULL,
    program_id BLOB NOT NULL,
    penerima_id BLOB NOT NULL,
    periode TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    nominal INTEGER NOT NULL,
    bukti BLOB,
    bukti_mime TEXT,
    spp_id BLOB,
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, penerima_id, periode),
    FOREIGN KEY (desa_id, penerima_id) REFERENCES penerima_bantuan(desa_id, id)
);
CREATE INDEX penyaluran_program ON penyaluran(desa_id, program_id, periode);

-- A check flag someone looked at and resolved with a note (the flags themselves are computed).
CREATE TABLE tanda_bantuan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    kunci TEXT NOT NULL,
    catatan TEXT NOT NULL,
    diselesaikan_oleh TEXT NOT NULL,
    diselesaikan_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, jenis, kunci)
);

CREATE TABLE santunan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nomor TEXT NOT NULL,
    program_id BLOB NOT NULL,
    almarhum_id BLOB NOT NULL,
    peristiwa_id BLOB,
    tanggal_meninggal TEXT NOT NULL,
    tenggat TEXT NOT NULL,
    dasar TEXT NOT NULL,
    ahli_waris_id BLOB,
    ahli_waris_nama TEXT NOT NULL DEFAULT '',
    ahli_waris_nik TEXT NOT NULL DEFAULT '',
    ahli_waris_hubungan TEXT NOT NULL DEFAULT '',
    ahli_waris_telepon TEXT NOT NULL DEFAULT '',
    surat_id BLOB,
    nominal INTEGER NOT NULL,
    status TEXT NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    alasan_terlambat TEXT NOT NULL DEFAULT '',
    bukti_bayar TEXT NOT NULL DEFAULT '',
    diajukan_pada TEXT,
    dibayar_pada TEXT,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (nomor),
    UNIQUE (desa_id, almarhum_id, program_id),
    FOREIGN KEY (desa_id, program_id) REFERENCES program_bantuan(desa_id, id),
    FOREIGN KEY (desa_id, almarhum_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX santunan_antrean ON santunan(status, diubah_pada, id);
CREATE INDEX santunan_desa ON santunan(desa_id, diubah_pada, id);

CREATE TABLE santunan_lampiran (
    desa_id TEXT NOT NULL,
    santunan_id BLOB NOT NULL,
    id BLOB NOT NULL,
    syarat TEXT NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    isi BLOB NOT NULL,
    ukuran INTEGER NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, santunan_id, id),
    FOREIGN KEY (desa_id, santunan_id) REFERENCES santunan(desa_id, id)
);

CREATE TABLE santunan_riwayat (
    desa_id TEXT NOT NULL,
    santunan_id BLOB NOT NULL,
    id BLOB NOT NULL,
    waktu TEXT NOT NULL,
    aktor TEXT NOT NULL,
    status TEXT NOT NULL,
    catatan TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, santunan_id, id),
    FOREIGN KEY (desa_id, santunan_id) REFERENCES santunan(desa_id, id)
);

-- A token may read the aid data and take the Dinas Sosial's steps on claims only when made for it.
ALTER TABLE token_api ADD COLUMN dinsos INTEGER NOT NULL DEFAULT 0;
