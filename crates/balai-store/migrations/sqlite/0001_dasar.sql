-- Regions, villages, accounts, registry, events and audit (SQLite).
-- Ids are UUIDv7 stored as 16-byte BLOBs; dates as ISO text; times as RFC 3339 UTC text.

CREATE TABLE wilayah (
    kode TEXT PRIMARY KEY,
    nama TEXT NOT NULL,
    tingkat TEXT NOT NULL
);

CREATE TABLE desa (
    desa_id TEXT PRIMARY KEY,
    nama TEXT NOT NULL,
    alamat TEXT NOT NULL DEFAULT '',
    kepala_desa TEXT NOT NULL DEFAULT '',
    telepon TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    kode_pos TEXT NOT NULL DEFAULT '',
    zona_waktu TEXT NOT NULL,
    logo BLOB,
    logo_mime TEXT,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL
);

CREATE TABLE wilayah_rt (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    dusun TEXT NOT NULL,
    rw TEXT NOT NULL,
    rt TEXT NOT NULL,
    ketua TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, dusun, rw, rt)
);

CREATE TABLE pengguna (
    id BLOB PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    nama TEXT NOT NULL,
    kata_sandi TEXT NOT NULL,
    peran TEXT NOT NULL,
    desa_id TEXT REFERENCES desa(desa_id),
    cakupan TEXT NOT NULL DEFAULT '',
    aktif INTEGER NOT NULL DEFAULT 1,
    wajib_ganti_sandi INTEGER NOT NULL DEFAULT 0,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL
);

CREATE TABLE sesi (
    token_hash TEXT PRIMARY KEY,
    pengguna_id BLOB NOT NULL REFERENCES pengguna(id),
    csrf TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL
);
CREATE INDEX sesi_pengguna ON sesi(pengguna_id);

CREATE TABLE token_api (
    id BLOB PRIMARY KEY,
    nama TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    desa_ids TEXT NOT NULL,
    tulis INTEGER NOT NULL DEFAULT 0,
    dibuat_oleh BLOB NOT NULL REFERENCES pengguna(id),
    dibuat_pada TEXT NOT NULL,
    dicabut_pada TEXT
);

CREATE TABLE keluarga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    no_kk TEXT NOT NULL,
    kepala_id BLOB,
    rt_id BLOB,
    alamat TEXT NOT NULL DEFAULT '',
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, no_kk),
    FOREIGN KEY (desa_id, rt_id) REFERENCES wilayah_rt(desa_id, id)
);

CREATE TABLE rumah_tangga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nomor TEXT NOT NULL,
    kepala_id BLOB,
    rt_id BLOB,
    alamat TEXT NOT NULL DEFAULT '',
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nomor),
    FOREIGN KEY (desa_id, rt_id) REFERENCES wilayah_rt(desa_id, id)
);

CREATE TABLE penduduk (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nik TEXT NOT NULL,
    nama TEXT NOT NULL,
    jenis_kelamin INTEGER NOT NULL,
    tempat_lahir TEXT NOT NULL,
    tanggal_lahir TEXT NOT NULL,
    agama_id INTEGER NOT NULL,
    pendidikan_kk_id INTEGER NOT NULL,
    pendidikan_sedang_id INTEGER,
    pekerjaan_id INTEGER NOT NULL,
    status_kawin_id INTEGER NOT NULL,
    shdk_id INTEGER NOT NULL,
    warganegara_id INTEGER NOT NULL,
    nik_ayah TEXT NOT NULL DEFAULT '',
    nama_ayah TEXT NOT NULL DEFAULT '',
    nik_ibu TEXT NOT NULL DEFAULT '',
    nama_ibu TEXT NOT NULL DEFAULT '',
    golongan_darah_id INTEGER,
    cacat_id INTEGER,
    cara_kb_id INTEGER,
    hamil INTEGER,
    akta_lahir TEXT NOT NULL DEFAULT '',
    no_paspor TEXT NOT NULL DEFAULT '',
    tanggal_akhir_paspor TEXT,
    no_kitas TEXT NOT NULL DEFAULT '',
    akta_perkawinan TEXT NOT NULL DEFAULT '',
    tanggal_perkawinan TEXT,
    akta_perceraian TEXT NOT NULL DEFAULT '',
    tanggal_perceraian TEXT,
    ktp_el_id INTEGER,
    status_rekam_id INTEGER,
    alamat_sebelumnya TEXT NOT NULL DEFAULT '',
    alamat_sekarang TEXT NOT NULL DEFAULT '',
    telepon TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    suku TEXT NOT NULL DEFAULT '',
    asuransi_id INTEGER,
    no_asuransi TEXT NOT NULL DEFAULT '',
    keluarga_id BLOB,
    rt_id BLOB NOT NULL,
    rumah_tangga_id BLOB,
    hubungan_rtm INTEGER,
    status_dasar INTEGER NOT NULL DEFAULT 1,
    nik_wilayah_dikenal INTEGER NOT NULL DEFAULT 1,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nik),
    FOREIGN KEY (desa_id, keluarga_id) REFERENCES keluarga(desa_id, id),
    FOREIGN KEY (desa_id, rt_id) REFERENCES wilayah_rt(desa_id, id),
    FOREIGN KEY (desa_id, rumah_tangga_id) REFERENCES rumah_tangga(desa_id, id)
);
CREATE INDEX penduduk_nama ON penduduk(desa_id, status_dasar, nama, id);
CREATE INDEX penduduk_lahir ON penduduk(desa_id, status_dasar, tanggal_lahir, id);
CREATE INDEX penduduk_keluarga ON penduduk(desa_id, keluarga_id);
CREATE INDEX penduduk_rt ON penduduk(desa_id, rt_id);
CREATE INDEX penduduk_rtm ON penduduk(desa_id, rumah_tangga_id);

CREATE TABLE peristiwa (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    penduduk_id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    keterangan TEXT NOT NULL DEFAULT '',
    rincian TEXT NOT NULL DEFAULT '{}',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX peristiwa_penduduk ON peristiwa(desa_id, penduduk_id);
CREATE INDEX peristiwa_jenis ON peristiwa(desa_id, jenis, tanggal);

-- Append-only, hash-chained per village. desa_id '' holds install-level entries.
CREATE TABLE audit (
    desa_id TEXT NOT NULL,
    urut INTEGER NOT NULL,
    waktu TEXT NOT NULL,
    aktor TEXT NOT NULL,
    aksi TEXT NOT NULL,
    objek TEXT NOT NULL,
    objek_id TEXT NOT NULL,
    sebelum TEXT,
    sesudah TEXT,
    hash_sebelum TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (desa_id, urut)
);
CREATE INDEX audit_objek ON audit(desa_id, objek_id);
CREATE TABLE audit_kepala (
    desa_id TEXT PRIMARY KEY,
    urut INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_tanpa_ubah BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit hanya boleh ditambah'); END;
CREATE TRIGGER audit_tanpa_hapus BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit hanya boleh ditambah'); END;
