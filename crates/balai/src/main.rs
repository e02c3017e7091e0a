//! `balai`: one binary that serves a village (SQLite) or a district (PostgreSQL).

mod konfigurasi;
mod kunci;
mod perintah;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Balai — sistem informasi desa: layanan, data penduduk dan transparansi dalam satu program.
#[derive(Parser, Debug)]
#[command(name = "balai", version)]
pub struct Cli {
    /// Berkas konfigurasi TOML (bawaan: ./balai.toml bila ada)
    #[arg(long, global = true, value_name = "BERKAS")]
    pub config: Option<PathBuf>,
    /// Basis data: sqlite://balai.db atau postgres://pengguna:sandi@host/nama (atau BALAI_DATABASE)
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,
    #[command(subcommand)]
    pub perintah: Perintah,
}

#[derive(Subcommand, Debug)]
pub enum Perintah {
    /// Menjalankan aplikasi web
    Serve {
        /// Alamat dan port yang didengarkan (bawaan 127.0.0.1:8080, atau BALAI_LISTEN)
        #[arg(long, value_name = "ALAMAT")]
        listen: Option<String>,
        /// Isi desa demo bila basis data masih kosong, lalu jalankan
        #[arg(long)]
        demo: bool,
        /// Dengan --demo: desa demo tanpa APBDes dan transaksi contoh
        #[arg(long, requires = "demo")]
        demo_tanpa_keuangan: bool,
    },
    /// Mengisi desa demo dengan penduduk rekaan yang realistis
    Demo(perintah::demo::ArgDemo),
    /// Menerapkan migrasi skema basis data
    Migrate,
    /// Mendaftarkan dan menampilkan desa
    #[command(subcommand)]
    Desa(perintah::desa::PerintahDesa),
    /// Mengelola akun pengguna
    #[command(subcommand)]
    User(perintah::pengguna::PerintahPengguna),
    /// Memeriksa log audit
    #[command(subcommand)]
    Audit(perintah::audit::PerintahAudit),
    /// Mengimpor data penduduk dari berkas
    Import(perintah::impor::ArgImpor),
    /// Mengekspor data penduduk atau keluarga ke berkas
    Export(perintah::ekspor::ArgEkspor),
    /// Membuat cadangan seluruh data ke satu berkas
    Backup(perintah::cadangan::ArgCadangan),
    /// Memulihkan data dari berkas cadangan (data yang ada diganti)
    Restore(perintah::cadangan::ArgPulihkan),
    /// Sinkron dengan server kabupaten: `sync` menjalankan satu kali tukar data;
    /// `sync init`, `sync token`, `sync status` untuk menyiapkan dan memeriksa
    Sync(perintah::sinkron::ArgSinkron),
    /// Token API untuk OPD dan aplikasi lain
    #[command(subcommand)]
    Token(perintah::token::PerintahToken),
}

/// Puts clap's own words (usage, headings, help flags) into Indonesian, on every subcommand.
fn indonesiakan(cmd: clap::Command) -> clap::Command {
    cmd.help_template(
        "{before-help}{about-with-newline}\nPenggunaan: {usage}\n\n{all-args}{after-help}",
    )
    .subcommand_help_heading("Perintah")
    .next_help_heading("Opsi")
    .disable_help_subcommand(true)
    .disable_help_flag(true)
    .mut_args(|a| {
        let judul = if a.is_positional() { "Argumen" } else { "Opsi" };
        a.help_heading(judul)
    })
    .mut_subcommands(indonesiakan)
}

fn perintah_cli() -> clap::Command {
    indonesiakan(Cli::command())
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(clap::ArgAction::Help)
                .help("Tampilkan bantuan ini"),
        )
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("Tampilkan versi"),
        )
}

fn main() -> ExitCode {
    // A letter-rendering worker for `balai serve` (see `balai_pdf::pekerja`): not a user
    // command, so not in the help.
    if std::env::args().nth(1).as_deref() == Some(balai_pdf::pekerja::ARGUMEN) {
        // Returning ends the process, which also stops a render that ran out of time.
        return match balai_pdf::pekerja::layani(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("Galat pekerja PDF: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let matches = perintah_cli().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Galat: runtime tidak dapat dimulai: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(perintah::jalankan(cli)) {
        Ok(kode) => kode,
        Err(e) => {
            eprintln!("Galat: {e}");
            ExitCode::FAILURE
        }
    }
}
