-- Registers the administrative books need and no other module keeps (sqlite).

-- B.4 Buku Penduduk Sementara: people staying in the village for a while without moving in
-- (students, seasonal workers, guests over a day). pergi is empty while they are here.
CREATE TABLE penduduk_sementara (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nama TEXT NOT NULL,
    jenis_kelamin INTEGER NOT NULL,
    nomor_identitas TEXT NOT NULL,
    tempat_lahir TEXT NOT NULL DEFAULT '',
    tanggal_lahir TEXT,
    pekerjaan TEXT NOT NULL DEFAULT '',
    kebangsaan TEXT NOT NULL DEFAULT 'Indonesia',
    keturunan TEXT NOT NULL DEFAULT '',
    datang_dari TEXT NOT NULL,
    maksud TEXT NOT NULL,
    didatangi TEXT NOT NULL,
    datang TEXT NOT NULL,
    pergi TEXT,
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX penduduk_sementara_datang ON penduduk_sementara(desa_id, datang);

-- A.8 Buku Ekspedisi: official letters the office sends out and to whom they were delivered.
CREATE TABLE ekspedisi (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    tanggal_kirim TEXT NOT NULL,
    nomor_surat TEXT NOT NULL,
    tanggal_surat TEXT NOT NULL,
    isi_singkat TEXT NOT NULL,
    tujuan TEXT NOT NULL,
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX ekspedisi_tanggal ON ekspedisi(desa_id, tanggal_kirim);
