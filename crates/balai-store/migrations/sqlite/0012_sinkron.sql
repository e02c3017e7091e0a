-- District sync: this node's role, the change log every synced table writes through triggers
-- (installed at start-up from the table list in src/sinkron/tabel.rs), per-village credentials,
-- each village's sync state on the district, and the conflict review queue.

CREATE TABLE sinkron_simpul (
    satu INTEGER PRIMARY KEY CHECK (satu = 1),
    -- 'pusat': a district server or a stand-alone install; 'desa': a village node.
    peran TEXT NOT NULL DEFAULT 'pusat',
    desa_id TEXT,
    server TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL DEFAULT '',
    -- 1 only inside a transaction that applies changes received from the other side, so the
    -- triggers do not log them a second time.
    menerapkan INTEGER NOT NULL DEFAULT 0,
    umpan_terakhir INTEGER NOT NULL DEFAULT 0,
    -- the last of this node's own changes the server has confirmed
    dorong_diterima INTEGER NOT NULL DEFAULT 0,
    terakhir_berhasil TEXT,
    terakhir_dicoba TEXT,
    galat_terakhir TEXT NOT NULL DEFAULT '',
    -- hash of the trigger definitions last installed (reinstalled when the schema changes)
    pemicu_hash TEXT NOT NULL DEFAULT '',
    selisih_jam_detik INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sinkron_simpul (satu) VALUES (1);

CREATE TABLE perubahan (
    nomor INTEGER PRIMARY KEY AUTOINCREMENT,
    desa_id TEXT NOT NULL,
    -- which side made the change: 'desa' (the village node) or 'pusat' (the server)
    asal TEXT NOT NULL,
    urut INTEGER,
    umpan INTEGER,
    tabel TEXT NOT NULL,
    operasi TEXT NOT NULL,
    kunci TEXT,
    baris TEXT,
    sebelum TEXT,
    waktu TEXT NOT NULL,
    hash_sebelum TEXT,
    hash TEXT
);
CREATE UNIQUE INDEX perubahan_urut ON perubahan (desa_id, asal, urut);
CREATE UNIQUE INDEX perubahan_umpan ON perubahan (umpan);
CREATE INDEX perubahan_belum_disegel ON perubahan (nomor) WHERE urut IS NULL;
CREATE INDEX perubahan_baris ON perubahan (tabel, kunci);

CREATE TABLE perubahan_kepala (
    desa_id TEXT NOT NULL,
    asal TEXT NOT NULL,
    urut INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (desa_id, asal)
);

CREATE TABLE sinkron_token (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    terakhir_dipakai TEXT,
    dicabut_pada TEXT,
    PRIMARY KEY (desa_id, id)
);

CREATE TABLE sinkron_desa (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tarik_diterima INTEGER NOT NULL DEFAULT 0,
    terakhir_sinkron TEXT,
    selisih_jam_detik INTEGER NOT NULL DEFAULT 0,
    versi_program TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (desa_id)
);

CREATE TABLE sinkron_konflik (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    tabel TEXT NOT NULL,
    kunci TEXT NOT NULL,
    kolom TEXT NOT NULL,
    nilai_desa TEXT,
    nilai_pusat TEXT,
    dibuat_pada TEXT NOT NULL,
    diselesaikan_pada TEXT,
    diselesaikan_oleh TEXT,
    pilihan TEXT,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX sinkron_konflik_terbuka ON sinkron_konflik (desa_id, diselesaikan_pada);

-- Agency (OPD) tokens may cover a whole region (a kecamatan or kabupaten code prefix), and
-- may be made on the command line, by no account (SQLite cannot drop NOT NULL in place).
CREATE TABLE token_api_baru (
    id BLOB PRIMARY KEY,
    nama TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    desa_ids TEXT NOT NULL,
    tulis INTEGER NOT NULL DEFAULT 0,
    dibuat_oleh BLOB REFERENCES pengguna(id),
    dibuat_pada TEXT NOT NULL,
    dicabut_pada TEXT,
    wilayah TEXT NOT NULL DEFAULT ''
);
INSERT INTO token_api_baru (id, nama, token_hash, desa_ids, tulis, dibuat_oleh, dibuat_pada, dicabut_pada)
    SELECT id, nama, token_hash, desa_ids, tulis, dibuat_oleh, dibuat_pada, dicabut_pada FROM token_api;
DROP TABLE token_api;
ALTER TABLE token_api_baru RENAME TO token_api;
