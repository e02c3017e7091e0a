//! What the `balai` binary's test files share: running a command as an operator would, its
//! output as text, a free port.

use std::process::{Command, Output};

/// `balai --database DB ARGS…`, quiet logs.
pub fn balai(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["--database", db])
        .args(args)
        .env("BALAI_LOG_LEVEL", "warn")
        .output()
        .expect("balai runs")
}

/// Everything a command printed, stdout then stderr.
pub fn teks(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn port_bebas() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Digits spelled as letters (names refuse digits): "0123" gives "ABCD".
pub fn huruf(angka: &str) -> String {
    angka
        .chars()
        .map(|c| (b'A' + (c as u8 - b'0')) as char)
        .collect()
}
