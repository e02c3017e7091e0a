//! Store behaviour on every backend (SQLite file and PostgreSQL server).

mod penduduk;
