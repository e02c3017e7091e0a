//! The village boundary (`store.peta()`): imported as GeoJSON (from the district's GIS office,
//! a drone survey or a hand-drawn map digitised elsewhere), kept with the village's site
//! settings, and drawn under the points of the public potential map.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use geojson::{GeoJson, Value};
use serde_json::json;

/// The most a boundary may hold: more is a survey file, not a map for a web page.
const BATAS_TITIK: usize = 20_000;
/// The largest file accepted (GeoJSON is text).
pub const BATAS_UKURAN: usize = 2 * 1024 * 1024;

/// A village boundary: one or more rings of (longitude, latitude).
#[derive(Debug, Clone, PartialEq)]
pub struct BatasWilayah {
    pub cincin: Vec<Vec<(f64, f64)>>,
}

impl BatasWilayah {
    /// Reads a GeoJSON Polygon or MultiPolygon (bare, as a Feature, or the polygons of a
    /// FeatureCollection), in longitude/latitude inside Indonesia. The message says what to fix.
    pub fn baca(teks: &str) -> Result<BatasWilayah, String> {
        if teks.len() > BATAS_UKURAN {
            return Err("Berkas batas wilayah lebih dari 2 MB. Sederhanakan garisnya di aplikasi GIS (mis. QGIS: Vector → Geometry Tools → Simplify), lalu unggah lagi.".into());
        }
        let gj: GeoJson = teks.trim().parse().map_err(|_| {
            "Berkas bukan GeoJSON yang sah. Ekspor batas desa dari aplikasi peta sebagai GeoJSON (.geojson)."
                .to_string()
        })?;
        let geometri: Vec<Value> = match gj {
            GeoJson::Geometry(g) => vec![g.value],
            GeoJson::Feature(f) => f.geometry.map(|g| g.value).into_iter().collect(),
            GeoJson::FeatureCollection(fc) => fc
                .features
                .into_iter()
                .filter_map(|f| f.geometry.map(|g| g.value))
                .collect(),
        };
        let mut cincin = Vec::new();
        for g in geometri {
            let poligon = match g {
                Value::Polygon(p) => vec![p],
                Value::MultiPolygon(m) => m,
                _ => continue,
            };
            for p in poligon {
                // The outer ring of each polygon; holes are not drawn.
                if let Some(luar) = p.into_iter().next() {
                    cincin.push(luar);
                }
            }
        }
        if cincin.is_empty() {
            return Err("GeoJSON tidak berisi bidang (Polygon atau MultiPolygon). Batas desa harus berupa bidang tertutup, bukan titik atau garis.".into());
        }
        let mut hasil = Vec::new();
        let mut jumlah = 0;
        for r in cincin {
            let mut titik = Vec::with_capacity(r.len());
            for p in r {
                let (Some(&bujur), Some(&lintang)) = (p.first(), p.get(1)) else {
                    return Err("Ada titik tanpa koordinat bujur dan lintang.".into());
                };
                if !(94.0..=142.0).contains(&bujur) || !(-11.5..=6.5).contains(&lintang) {
                    return Err(format!(
                        "Titik ({bujur}, {lintang}) berada di luar Indonesia. Koordinat harus bujur, lintang dalam derajat (WGS 84, EPSG:4326); ekspor ulang dengan sistem koordinat itu."
                    ));
                }
                titik.push((bujur, lintang));
            }
            if titik.len() < 4 {
                return Err(
                    "Sebuah bidang punya kurang dari 4 titik; batas desa harus garis tertutup."
                        .into(),
                );
            }
            jumlah += titik.len();
            hasil.push(titik);
        }
        if jumlah > BATAS_TITIK {
            return Err(format!(
                "Batas wilayah punya {jumlah} titik; paling banyak {BATAS_TITIK}. Sederhanakan garisnya di aplikasi GIS, lalu unggah lagi."
            ));
        }
        Ok(BatasWilayah { cincin: hasil })
    }

    /// As a GeoJSON MultiPolygon, the form it is stored and served in.
    pub fn geojson(&self) -> String {
        let poligon: Vec<Vec<Vec<[f64; 2]>>> = self
            .cincin
            .iter()
            .map(|r| vec![r.iter().map(|(x, y)| [*x, *y]).collect()])
            .collect();
        json!({"type": "MultiPolygon", "coordinates": poligon}).to_string()
    }

    pub fn jumlah_titik(&self) -> usize {
        self.cincin.iter().map(Vec::len).sum()
    }
}

/// The village map feature's handle.
#[derive(Clone, Copy)]
pub struct Peta<'a> {
    s: &'a Store,
}

impl Store {
    pub fn peta(&self) -> Peta<'_> {
        Peta { s: self }
    }
}

impl Peta<'_> {
    /// The village's boundary, if one was imported.
    pub async fn batas(&self, desa_id: &str) -> Result<Option<BatasWilayah>, Galat> {
        let teks: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT batas_wilayah FROM situs_desa WHERE desa_id = $1")
            .bind(desa_id).fetch_optional(p).await)?;
        Ok(teks
            .filter(|t| !t.is_empty())
            .and_then(|t| BatasWilayah::baca(&t).ok()))
    }

    /// Replaces the boundary with the GeoJSON given (`teks`), or clears it (`None`).
    pub async fn simpan_batas(
        &self,
        desa_id: &str,
        teks: Option<&str>,
        aktor: &Aktor,
    ) -> Result<Option<BatasWilayah>, Galat> {
        let batas = match teks {
            Some(t) => Some(BatasWilayah::baca(t).map_err(|e| Galat::isian("batas", e))?),
            None => None,
        };
        // The site's row exists once its settings were read.
        self.s.situs_desa(desa_id).await?;
        let now = self.s.sekarang();
        let simpan = batas
            .as_ref()
            .map(BatasWilayah::geojson)
            .unwrap_or_default();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE situs_desa SET batas_wilayah = $2, diubah_pada = $3 WHERE desa_id = $1")
            .bind(desa_id).bind(&simpan).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if batas.is_some() { "unggah" } else { "hapus" },
                objek: "batas_wilayah",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: batas
                    .as_ref()
                    .map(|b| json!({"bidang": b.cincin.len(), "titik": b.jumlah_titik()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(batas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOTAK: &str = r#"{"type":"Polygon","coordinates":[[[109.98,-7.05],[110.0,-7.05],[110.0,-7.03],[109.98,-7.03],[109.98,-7.05]]]}"#;

    #[test]
    fn poligon_fitur_dan_koleksi_dibaca() {
        let b = BatasWilayah::baca(KOTAK).unwrap();
        assert_eq!(b.cincin.len(), 1);
        assert_eq!(b.jumlah_titik(), 5);
        let fitur = format!(
            r#"{{"type":"Feature","properties":{{"nama":"Donorejo"}},"geometry":{KOTAK}}}"#
        );
        assert_eq!(BatasWilayah::baca(&fitur).unwrap(), b);
        let koleksi = format!(r#"{{"type":"FeatureCollection","features":[{fitur},{fitur}]}}"#);
        assert_eq!(BatasWilayah::baca(&koleksi).unwrap().cincin.len(), 2);
        // Stored as a MultiPolygon and read back the same.
        assert_eq!(BatasWilayah::baca(&b.geojson()).unwrap(), b);
    }

    #[test]
    fn masukan_salah_dijelaskan() {
        assert!(
            BatasWilayah::baca("bukan json")
                .unwrap_err()
                .contains("bukan GeoJSON")
        );
        let titik = r#"{"type":"Point","coordinates":[110.0,-7.0]}"#;
        assert!(BatasWilayah::baca(titik).unwrap_err().contains("bidang"));
        // Metres (a projected system) instead of degrees.
        let utm = r#"{"type":"Polygon","coordinates":[[[400000,9220000],[401000,9220000],[401000,9221000],[400000,9220000]]]}"#;
        assert!(
            BatasWilayah::baca(utm)
                .unwrap_err()
                .contains("luar Indonesia")
        );
    }
}
