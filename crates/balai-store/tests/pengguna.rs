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
    ); // The sign-in is in the village's audit log, by the operator.
    let audit = s
        .daftar_audit(
            "3325082004",
            &balai_store::audit::SaringAudit {
                aksi: Some("masuk".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 1, "{b}: {audit:?}");
    assert_eq!(audit[0].aktor, "pengguna:operator", "{b}");
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

balai_testkit::tiap_backend!(tebakan_sandi_dibatasi_sehari_dan_admin_diberi_tahu);
async fn tebakan_sandi_dibatasi_sehari_dan_admin_diberi_tahu(nama: &'static str, s: Store) {
    use balai_domain::tebakan::{ALAMAT, STAF_AKUN};
    let id = operator(&s).await;
    let mulai = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
    let mut now = mulai;
    let mut tebakan = 0;
    // Each guess from a new address: only the account's own limit counts.
    while now - mulai < Duration::days(1) {
        let alamat = format!("i:10.0.{}.{}", tebakan / 250, tebakan % 250);
        match pada(&s, now)
            .tebakan()
            .coba(&[("a:operator", STAF_AKUN), (&alamat, ALAMAT)])
            .await
            .unwrap()
        {
            Some(t) => now += t,
            None => tebakan += 1,
        }
    }
    assert_eq!(tebakan, 30, "{nama}: guesses on one account in a day");

    // The admin was told once, in the village's audit log and on the start page.
    let s2 = pada(&s, mulai + Duration::hours(23));
    let ditebak = s2.tebakan().akun_ditebak("3325082004").await.unwrap();
    assert_eq!(ditebak.len(), 1, "{nama}");
    assert_eq!(
        (ditebak[0].username.as_str(), ditebak[0].gagal_hari),
        ("operator", 30)
    );
    assert!(
        s2.tebakan()
            .akun_ditebak("3325082005")
            .await
            .unwrap()
            .is_empty(),
        "{nama}"
    );
    let audit = s2
        .daftar_audit(
            "3325082004",
            &balai_store::audit::SaringAudit {
                aksi: Some("sandi_ditebak".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 1, "{nama}: {audit:?}");

    // A password reset by the admin ends the lock.
    let s3 = pada(&s, mulai + Duration::hours(12));
    assert!(
        s3.tebakan()
            .coba(&[("a:operator", STAF_AKUN)])
            .await
            .unwrap()
            .is_some()
    );
    s3.reset_sandi(id, &Aktor::sistem()).await.unwrap();
    assert!(
        s3.tebakan()
            .coba(&[("a:operator", STAF_AKUN)])
            .await
            .unwrap()
            .is_none(),
        "{nama}"
    );
}

balai_testkit::tiap_backend!(tebakan_serentak_dihitung_sebelum_diperiksa);
async fn tebakan_serentak_dihitung_sebelum_diperiksa(nama: &'static str, s: Store) {
    use balai_domain::tebakan::STAF_AKUN;
    // Twenty tries at once: each is counted before its password is checked, so only the four
    // free ones and the one that starts the first wait get through.
    let tugas: Vec<_> = (0..20)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move {
                s.tebakan()
                    .coba(&[("a:serentak", STAF_AKUN)])
                    .await
                    .unwrap()
                    .is_none()
            })
        })
        .collect();
    let mut lolos = 0;
    for t in tugas {
        lolos += usize::from(t.await.unwrap());
    }
    assert_eq!(lolos, 5, "{nama}");
}

balai_testkit::tiap_backend!(kuota_bertahan_dan_berganti_jendela);
async fn kuota_bertahan_dan_berganti_jendela(nama: &'static str, s: Store) {
    use balai_store::kuota::Batas;
    let mulai = Utc.with_ymd_and_hms(2026, 12, 7, 3, 0, 0).unwrap();
    let alamat = Batas {
        kunci: "kode-a:i:10.0.0.1",
        batas: 3,
        jendela: Duration::hours(1),
    };
    let nik = Batas {
        kunci: "kode-n:w:abc",
        batas: 2,
        jendela: Duration::days(1),
    };
    // Ten parallel uses of one key: exactly the three allowed get through.
    let tugas: Vec<_> = (0..10)
        .map(|_| {
            let s = pada(&s, mulai);
            tokio::spawn(async move { s.kuota().pakai(&[alamat]).await.unwrap() })
        })
        .collect();
    let mut lolos = 0;
    for t in tugas {
        lolos += usize::from(t.await.unwrap());
    }
    assert_eq!(lolos, 3, "{nama}");
    assert!(
        !pada(&s, mulai + Duration::minutes(59))
            .kuota()
            .pakai(&[alamat])
            .await
            .unwrap(),
        "{nama}"
    );
    // The window ends: the key starts again. The NIK after it counts only while the address
    // passes.
    let nanti = pada(&s, mulai + Duration::minutes(61));
    assert!(nanti.kuota().pakai(&[alamat, nik]).await.unwrap(), "{nama}");
    assert!(nanti.kuota().pakai(&[alamat, nik]).await.unwrap(), "{nama}");
    assert!(
        !nanti.kuota().pakai(&[alamat, nik]).await.unwrap(),
        "{nama}"
    );
    assert!(
        !nanti.kuota().pakai(&[nik]).await.unwrap(),
        "{nama}: 2 used"
    );
    let besok = pada(&s, mulai + Duration::hours(26));
    assert!(besok.kuota().pakai(&[nik]).await.unwrap(), "{nama}");
}
