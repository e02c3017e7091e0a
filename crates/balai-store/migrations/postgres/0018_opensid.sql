-- Moving a village from OpenSID (PostgreSQL).
-- opensid_asal: which Balai row each imported OpenSID row became, with a fingerprint of the
-- source row, so running the same import again changes nothing and a later dump updates only
-- what changed in OpenSID.
CREATE TABLE opensid_asal (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tabel TEXT NOT NULL,
    asal_id TEXT NOT NULL,
    balai_id TEXT NOT NULL,
    sidik TEXT NOT NULL,
    diimpor_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, tabel, asal_id)
);
-- opensid_simpanan: OpenSID rows Balai has no place for yet (or refused), kept whole with the
-- reason, so nothing of the old database is lost.
CREATE TABLE opensid_simpanan (
    desa_id TEXT NOT NULL REFERENCES desa(desa_id),
    tabel TEXT NOT NULL,
    asal_id TEXT NOT NULL,
    data TEXT NOT NULL,
    alasan TEXT NOT NULL,
    diimpor_pada TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (desa_id, tabel, asal_id)
);
