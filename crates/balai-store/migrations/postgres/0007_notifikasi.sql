-- Notifications: per-village channel settings and message templates, residents' Telegram chat
-- ids, the outbox and its delivery log (PostgreSQL).

CREATE TABLE kanal_notifikasi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    kanal TEXT NOT NULL,
    aktif BOOLEAN NOT NULL DEFAULT FALSE,
    setelan TEXT NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, kanal)
);

CREATE TABLE templat_notifikasi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    peristiwa TEXT NOT NULL,
    judul TEXT NOT NULL,
    isi TEXT NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, peristiwa)
);

CREATE TABLE telegram_penduduk (
    desa_id TEXT NOT NULL,
    penduduk_id UUID NOT NULL,
    chat_id TEXT NOT NULL,
    diubah_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, penduduk_id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);

CREATE TABLE notifikasi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id UUID NOT NULL,
    penduduk_id UUID,
    peristiwa TEXT NOT NULL,
    kanal TEXT NOT NULL,
    tujuan TEXT NOT NULL,
    judul TEXT NOT NULL,
    isi TEXT NOT NULL,
    rahasia BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    percobaan BIGINT NOT NULL DEFAULT 0,
    coba_lagi_pada TIMESTAMPTZ,
    dibuat_pada TIMESTAMPTZ NOT NULL,
    terkirim_pada TIMESTAMPTZ,
    dibaca_pada TIMESTAMPTZ,
    galat_terakhir TEXT,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
-- The sender's queue across villages: only rows still to send.
CREATE INDEX notifikasi_antrean ON notifikasi(coba_lagi_pada) WHERE status IN ('menunggu', 'dikirim');
CREATE INDEX notifikasi_warga ON notifikasi(desa_id, penduduk_id, kanal, id);
CREATE INDEX notifikasi_desa ON notifikasi(desa_id, status, id);

CREATE TABLE notifikasi_log (
    desa_id TEXT NOT NULL,
    notifikasi_id UUID NOT NULL,
    percobaan BIGINT NOT NULL,
    waktu TIMESTAMPTZ NOT NULL,
    berhasil BOOLEAN NOT NULL,
    keterangan TEXT NOT NULL,
    PRIMARY KEY (desa_id, notifikasi_id, percobaan),
    FOREIGN KEY (desa_id, notifikasi_id) REFERENCES notifikasi(desa_id, id)
);
CREATE INDEX notifikasi_log_waktu ON notifikasi_log(desa_id, waktu);
