-- Regions, villages, accounts, registry, events and audit (PostgreSQL).
-- Ids are UUIDv7; every village-owned key starts with desa_id (Citus distribution column).

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
    logo BYTEA,
    logo_mime TEXT,
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL
);

CREATE TABLE wilayah_rt (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    dusun TEXT NOT NULL,
    rw TEXT NOT NULL,
    rt TEXT NOT NULL,
    ketua TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, dusun, rw, rt)
);

CREATE TABLE pengguna (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    nama TEXT NOT NULL,
    kata_sandi TEXT NOT NULL,
    peran TEXT NOT NULL,
    desa_id TEXT REFERENCES desa(desa_id),
    cakupan TEXT NOT NULL DEFAULT '',
    aktif BOOLEAN NOT NULL DEFAULT TRUE,
    wajib_ganti_sandi BOOLEAN NOT NULL DEFAULT FALSE,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL
);

CREATE TABLE sesi (
    token_hash TEXT PRIMARY KEY,
    pengguna_id UUID NOT NULL REFERENCES pengguna(id),
    csrf TEXT NOT NULL,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    kedaluwarsa TIMESTAMPTZ NOT NULL
);
CREATE INDEX sesi_pengguna ON sesi(pengguna_id);

CREATE TABLE token_api (
    id UUID PRIMARY KEY,
    nama TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    desa_ids TEXT NOT NULL,
    tulis BOOLEAN NOT NULL DEFAULT FALSE,
    dibuat_oleh UUID NOT NULL REFERENCES pengguna(id),
    dibuat_pada TIMESTAMPTZ NOT NULL,
    dicabut_pada TIMESTAMPTZ
);

CREATE TABLE keluarga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    no_kk TEXT NOT NULL,
    kepala_id UUID,
    rt_id UUID,
    alamat TEXT NOT NULL DEFAULT '',
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, no_kk),
    FOREIGN KEY (desa_id, rt_id) REFERENCES wilayah_rt(desa_id, id)
);

CREATE TABLE rumah_tangga (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    nomor TEXT NOT NULL,
    kepala_id UUID,
    rt_id UUID,
    alamat TEXT NOT NULL DEFAULT '',
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nomor),
    FOREIGN KEY (desa_id, rt_id) REFERENCES wilayah_rt(desa_id, id)
);

CREATE TABLE penduduk (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    nik TEXT NOT NULL,
    nama TEXT NOT NULL,
    jenis_kelamin SMALLINT NOT NULL,
    tempat_lahir TEXT NOT NULL,
    tanggal_lahir DATE NOT NULL,
    agama_id SMALLINT NOT NULL,
    pendidikan_kk_id SMALLINT NOT NULL,
    pendidikan_sedang_id SMALLINT,
    pekerjaan_id SMALLINT NOT NULL,
    status_kawin_id SMALLINT NOT NULL,
    shdk_id SMALLINT NOT NULL,
    warganegara_id SMALLINT NOT NULL,
    nik_ayah TEXT NOT NULL DEFAULT '',
    nama_ayah TEXT NOT NULL DEFAULT '',
    nik_ibu TEXT NOT NULL DEFAULT '',
    nama_ibu TEXT NOT NULL DEFAULT '',
    golongan_darah_id SMALLINT,
    cacat_id SMALLINT,
    cara_kb_id SMALLINT,
    hamil SMALLINT,
    akta_lahir TEXT NOT NULL DEFAULT '',
    no_paspor TEXT NOT NULL DEFAULT '',
    tanggal_akhir_paspor DATE,
    no_kitas TEXT NOT NULL DEFAULT '',
    akta_perkawinan TEXT NOT NULL DEFAULT '',
    tanggal_perkawinan DATE,
    akta_perceraian TEXT NOT NULL DEFAULT '',
    tanggal_perceraian DATE,
    ktp_el_id SMALLINT,
    status_rekam_id SMALLINT,
    alamat_sebelumnya TEXT NOT NULL DEFAULT '',
    alamat_sekarang TEXT NOT NULL DEFAULT '',
    telepon TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    suku TEXT NOT NULL DEFAULT '',
    asuransi_id SMALLINT,
    no_asuransi TEXT NOT NULL DEFAULT '',
    keluarga_id UUID,
    rt_id UUID NOT NULL,
    rumah_tangga_id UUID,
    hubungan_rtm SMALLINT,
    status_dasar SMALLINT NOT NULL DEFAULT 1,
    nik_wilayah_dikenal BOOLEAN NOT NULL DEFAULT TRUE,
    versi BIGINT NOT NULL DEFAULT 1,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
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
    id UUID NOT NULL,
    penduduk_id UUID NOT NULL,
    jenis TEXT NOT NULL,
    tanggal DATE NOT NULL,
    keterangan TEXT NOT NULL DEFAULT '',
    rincian TEXT NOT NULL DEFAULT '{}',
    dicatat_oleh TEXT NOT NULL,
    dicatat_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX peristiwa_penduduk ON peristiwa(desa_id, penduduk_id);
CREATE INDEX peristiwa_jenis ON peristiwa(desa_id, jenis, tanggal);

-- Append-only, hash-chained per village. desa_id '' holds install-level entries.
CREATE TABLE audit (
    desa_id TEXT NOT NULL,
    urut BIGINT NOT NULL,
    waktu TIMESTAMPTZ NOT NULL,
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
    urut BIGINT NOT NULL,
    hash TEXT NOT NULL
);
CREATE FUNCTION audit_hanya_tambah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit hanya boleh ditambah'; END $$;
CREATE TRIGGER audit_tanpa_ubah BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_hanya_tambah();

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX penduduk_nama_trgm ON penduduk USING gin (nama gin_trgm_ops);
