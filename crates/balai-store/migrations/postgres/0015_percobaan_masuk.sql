-- Failed logins, kept in the database so a restart does not reset the limits (they were in
-- memory). One row per key: a staff account ('a:' + user name), a resident's NIK ('w:' + its
-- SHA-256, so NIKs typed by strangers are not listed) or a client address ('i:' + address).
-- A row is deleted a day after its last failure.
CREATE TABLE percobaan_masuk (
    kunci TEXT NOT NULL PRIMARY KEY,
    gagal BIGINT NOT NULL,
    sampai TIMESTAMPTZ,
    terakhir TIMESTAMPTZ NOT NULL,
    hari_mulai TIMESTAMPTZ NOT NULL,
    gagal_hari BIGINT NOT NULL,
    diperingatkan BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX percobaan_masuk_terakhir ON percobaan_masuk(terakhir);
