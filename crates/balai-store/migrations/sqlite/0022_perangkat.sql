-- Village staff and institutions, and the staff's attendance (SQLite).

-- A person who serves or served the village: an official (perangkat desa), a BPD member, a
-- member of a village institution, an RT/RW head, a cadre. penduduk_id links the registry
-- record when there is one; pengguna_id the person's staff account on this node (no foreign
-- key: accounts stay on their node). foto is a site image token (situs_gambar).
CREATE TABLE perangkat (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    id BLOB NOT NULL,
    nama TEXT NOT NULL,
    penduduk_id BLOB,
    pengguna_id BLOB,
    jenis_kelamin INTEGER NOT NULL DEFAULT 0,
    tempat_lahir TEXT NOT NULL DEFAULT '',
    tanggal_lahir TEXT,
    agama TEXT NOT NULL DEFAULT '',
    alamat TEXT NOT NULL DEFAULT '',
    niap TEXT NOT NULL DEFAULT '',
    nip TEXT NOT NULL DEFAULT '',
    pangkat TEXT NOT NULL DEFAULT '',
    pendidikan TEXT NOT NULL DEFAULT '',
    foto TEXT,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, penduduk_id) REFERENCES penduduk(desa_id, id)
);
CREATE INDEX perangkat_nama ON perangkat(desa_id, nama);

-- A staff member's attendance PIN (argon2id), apart from the record so no list ever reads it.
CREATE TABLE perangkat_pin (
    desa_id TEXT NOT NULL,
    perangkat_id BLOB NOT NULL,
    pin_hash TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, perangkat_id),
    FOREIGN KEY (desa_id, perangkat_id) REFERENCES perangkat(desa_id, id)
);

-- One tenure: a person in a position of an institution (lembaga: pemdes, bpd, lpm, pkk,
-- karang_taruna, rt, rw, posyandu, kpm, lainnya; unit: which RT, RW, dusun or posyandu).
-- A person's earlier tenures stay; a tenure ends with the dismissal decree (henti_*).
-- mulai/selesai: the term; mulai is empty only for rows carried over from the old website list.
CREATE TABLE jabatan (
    desa_id TEXT NOT NULL,
    id BLOB NOT NULL,
    perangkat_id BLOB NOT NULL,
    lembaga TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    jabatan TEXT NOT NULL,
    urut INTEGER NOT NULL DEFAULT 0,
    sk_nomor TEXT NOT NULL DEFAULT '',
    sk_tanggal TEXT,
    mulai TEXT,
    selesai TEXT,
    henti_nomor TEXT NOT NULL DEFAULT '',
    henti_tanggal TEXT,
    henti_alasan TEXT NOT NULL DEFAULT '',
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, perangkat_id) REFERENCES perangkat(desa_id, id)
);
CREATE INDEX jabatan_lembaga ON jabatan(desa_id, lembaga, jabatan);
CREATE INDEX jabatan_orang ON jabatan(desa_id, perangkat_id);

-- Scans of a tenure's decrees (jenis: angkat or henti): PDF, JPEG or PNG, checked by content.
CREATE TABLE jabatan_berkas (
    desa_id TEXT NOT NULL,
    jabatan_id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    nama TEXT NOT NULL,
    mime TEXT NOT NULL,
    isi BLOB NOT NULL,
    ukuran INTEGER NOT NULL,
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, jabatan_id, jenis),
    FOREIGN KEY (desa_id, jabatan_id) REFERENCES jabatan(desa_id, id)
);

-- The old website list of officials becomes tenures (one source for the site and the books).
INSERT INTO perangkat (desa_id, id, nama, foto, versi, dibuat_pada, diubah_pada)
    SELECT desa_id, id, nama, foto, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM situs_pejabat;
INSERT INTO jabatan (desa_id, id, perangkat_id, lembaga, jabatan, urut, dicatat_oleh, dibuat_pada, diubah_pada)
    SELECT desa_id, id, id, CASE WHEN kelompok = 'bpd' THEN 'bpd' ELSE 'pemdes' END, jabatan, urut, 'sistem',
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM situs_pejabat;
DROP TABLE situs_pejabat;

-- A village's office: where it is (for check-ins by phone), the working days and hours.
-- hari_kerja: ISO weekdays (1 Monday … 7 Sunday), comma-separated.
CREATE TABLE kehadiran_aturan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    lintang REAL,
    bujur REAL,
    radius_m INTEGER NOT NULL DEFAULT 150,
    jam_masuk TEXT NOT NULL DEFAULT '08:00',
    jam_pulang TEXT NOT NULL DEFAULT '16:00',
    toleransi_menit INTEGER NOT NULL DEFAULT 15,
    hari_kerja TEXT NOT NULL DEFAULT '1,2,3,4,5',
    versi INTEGER NOT NULL DEFAULT 1,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id)
);

CREATE TABLE hari_libur (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tanggal TEXT NOT NULL,
    nama TEXT NOT NULL,
    PRIMARY KEY (desa_id, tanggal)
);

-- One check-in or check-out. tanggal is the village's local date. cara: anjungan, ponsel,
-- operator. Only the distance from the office is kept, never the phone's position. tanda:
-- comma-separated flags (jauh, ganda, libur, desa_lain, tanpa_lokasi); ditolak: an attempt
-- refused (a kiosk of another village), kept so it shows on the recap.
CREATE TABLE kehadiran (
    desa_id TEXT NOT NULL,
    id BLOB NOT NULL,
    perangkat_id BLOB NOT NULL,
    tanggal TEXT NOT NULL,
    jenis TEXT NOT NULL,
    waktu TEXT NOT NULL,
    cara TEXT NOT NULL,
    anjungan_id BLOB,
    jarak_m INTEGER,
    tanda TEXT NOT NULL DEFAULT '',
    ditolak INTEGER NOT NULL DEFAULT 0,
    keterangan TEXT NOT NULL DEFAULT '',
    dicatat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, perangkat_id) REFERENCES perangkat(desa_id, id)
);
CREATE INDEX kehadiran_tanggal ON kehadiran(desa_id, tanggal, perangkat_id);

-- Leave (cuti), duty travel (dinas_luar) and sick days (sakit): diajukan, then disetujui or
-- ditolak by the head of village.
CREATE TABLE izin_hadir (
    desa_id TEXT NOT NULL,
    id BLOB NOT NULL,
    perangkat_id BLOB NOT NULL,
    jenis TEXT NOT NULL,
    mulai TEXT NOT NULL,
    selesai TEXT NOT NULL,
    alasan TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    diajukan_oleh TEXT NOT NULL,
    diputus_oleh TEXT,
    diputus_pada TEXT,
    catatan_putusan TEXT NOT NULL DEFAULT '',
    versi INTEGER NOT NULL DEFAULT 1,
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, perangkat_id) REFERENCES perangkat(desa_id, id)
);
CREATE INDEX izin_hadir_tanggal ON izin_hadir(desa_id, mulai, selesai);

-- A month's recap signed by the head of village (bulan: 2026-11): that month is closed.
CREATE TABLE rekap_hadir (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    bulan TEXT NOT NULL,
    ditandatangani_oleh TEXT NOT NULL,
    ditandatangani_pada TEXT NOT NULL,
    PRIMARY KEY (desa_id, bulan)
);
