//! The village boundary on both backends: stored, read back, refused with a reason, cleared,
//! and recorded in the audit log.

use balai_domain::KodeDesa;
use balai_store::audit::SaringAudit;
use balai_store::{Aktor, Galat};

const DESA: &str = "3325082004";
const BATAS: &str = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[109.7265,-6.9185],[109.7405,-6.9120],[109.7350,-6.9030],[109.7265,-6.9185]]]}}"#;

balai_testkit::tiap_backend!(batas_wilayah_disimpan_ditolak_dan_dihapus);
async fn batas_wilayah_disimpan_ditolak_dan_dihapus(be: &'static str, s: balai_store::Store) {
    let a = Aktor::pengguna("operator");
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    assert!(s.peta().batas(DESA).await.unwrap().is_none(), "{be}");

    let b = s.peta().simpan_batas(DESA, Some(BATAS), &a).await.unwrap();
    let tersimpan = s.peta().batas(DESA).await.unwrap().unwrap();
    assert_eq!(Some(tersimpan.clone()), b, "{be}");
    assert_eq!(tersimpan.jumlah_titik(), 4, "{be}");

    // A file in metres is refused with what to do, and the stored boundary stays.
    let utm = r#"{"type":"Polygon","coordinates":[[[400000,9220000],[401000,9220000],[401000,9221000],[400000,9220000]]]}"#;
    match s.peta().simpan_batas(DESA, Some(utm), &a).await {
        Err(Galat::Isian(g)) => assert!(g.0[0].pesan.contains("EPSG:4326"), "{be}"),
        lain => panic!("{be}: {lain:?}"),
    }
    assert_eq!(s.peta().batas(DESA).await.unwrap(), Some(tersimpan), "{be}");

    s.peta().simpan_batas(DESA, None, &a).await.unwrap();
    assert!(s.peta().batas(DESA).await.unwrap().is_none(), "{be}");
    let audit = s
        .daftar_audit(
            DESA,
            &SaringAudit {
                batas: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let jejak: Vec<&str> = audit
        .iter()
        .filter(|e| e.objek == "batas_wilayah")
        .map(|e| e.aksi.as_str())
        .collect();
    assert_eq!(jejak, ["hapus", "unggah"], "{be}: newest first");
}
