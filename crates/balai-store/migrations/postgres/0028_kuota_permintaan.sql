-- Fixed-window request limits that must outlive a restart (they were in memory): activation
-- codes per address and per NIK, complaints per address, setup-code tries per address. One row
-- per key; `habis` is when its window ends (Unix seconds), after which the row is reused or
-- deleted. NIKs are kept as their SHA-256 only.
CREATE TABLE kuota_permintaan (
    kunci TEXT NOT NULL PRIMARY KEY,
    habis BIGINT NOT NULL,
    jumlah BIGINT NOT NULL
);
CREATE INDEX kuota_permintaan_habis ON kuota_permintaan(habis);
