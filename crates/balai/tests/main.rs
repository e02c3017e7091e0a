//! All of this crate's integration tests in one binary: one link instead of one per file,
//! which keeps `cargo test` fast and the target folder small.

mod bersama;

mod arsitektur;
mod cli;
mod pekerja_pdf;
mod putus_daya;
mod sinkron;
