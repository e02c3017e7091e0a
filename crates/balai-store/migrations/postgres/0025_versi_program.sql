-- The program versions this database has been served by, and when each first started, so the
-- admin is told what changed after an upgrade (postgres).
CREATE TABLE versi_program (
    versi TEXT PRIMARY KEY,
    mulai_pada TIMESTAMPTZ NOT NULL
);
