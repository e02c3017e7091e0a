-- Staff sessions end after a configurable idle time: when the session was last used.
ALTER TABLE sesi ADD COLUMN terakhir_aktif TIMESTAMPTZ;
UPDATE sesi SET terakhir_aktif = dibuat_pada;
