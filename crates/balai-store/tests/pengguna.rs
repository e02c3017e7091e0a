//! Staff accounts and sessions on both backends.

use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Jam, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};

const SANDI: &str = "sandi-uji-panjang-1";

async fn operator(s: &Store) -> uuid::Uuid {
    s.buat_desa(
        &balai_domain::KodeDesa::parse("3325082004").unwrap(),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "operator",
            nama: "Operator",
            kata_sandi: SANDI,
            peran: Peran::Operator,
            desa_id: Some("3325082004"),
            cakupan: "",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.pengguna_by_username("operator")
        .await
        .unwrap()
        .unwrap()
        .id
}

fn pada(s: &Store, t: DateTime<Utc>) -> Store {
    s.clone().dengan_jam(Jam::Tetap(t))
}

balai_testkit::tiap_backend!(sesi_staf_berakhir_bila_lama_tidak_dipakai);
/// A counter PC left logged in: the session ends after the idle time, even within its 12 hours.
async fn sesi_staf_berakhir_bila_lama_tidak_dipakai(b: &'static str, s: Store) {
    let id = operator(&s).await;
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
    let diam = Duration::minutes(60);
    let (token, _) = pada(&s, t0)
        .buat_sesi(id, Duration::hours(12))
        .await
        .unwrap();
    let t = |m: i64| t0 + Duration::minutes(m);
    assert!(
        pada(&s, t(50)).sesi(&token, diam).await.unwrap().is_some(),
        "{b}"
    );
    // Used at 0:50, so still alive at 1:45.
    assert!(
        pada(&s, t(105)).sesi(&token, diam).await.unwrap().is_some(),
        "{b}"
    );
    // Nobody for 70 minutes: ended, and stays ended.
    assert!(
        pada(&s, t(175)).sesi(&token, diam).await.unwrap().is_none(),
        "{b}"
    );
    assert!(
        pada(&s, t(176)).sesi(&token, diam).await.unwrap().is_none(),
        "{b}"
    );
}

balai_testkit::tiap_backend!(ganti_sandi_mengakhiri_sesi_lain);
/// A changed password ends every other session of the account (a stolen cookie stops working),
/// but not the one that changed it.
async fn ganti_sandi_mengakhiri_sesi_lain(b: &'static str, s: Store) {
    let id = operator(&s).await;
    let jam = Duration::hours(12);
    let (ini, _) = s.buat_sesi(id, jam).await.unwrap();
    let (lain, _) = s.buat_sesi(id, jam).await.unwrap();
    s.ganti_sandi(
        id,
        &ini,
        SANDI,
        "sandi-baru-yang-panjang-2",
        "sandi-baru-yang-panjang-2",
    )
    .await
    .unwrap();
    let diam = Duration::minutes(60);
    assert!(s.sesi(&ini, diam).await.unwrap().is_some(), "{b}");
    assert!(s.sesi(&lain, diam).await.unwrap().is_none(), "{b}");
}
