use crate::Bersama;
use axum::Router;

pub fn rute() -> Router<Bersama> {
    Router::new()
}
