//! JSON escaping for gateway payload templates (the placeholders are `balai_domain::templat`).

/// A string as it goes inside a JSON string literal (without the quotes).
pub(crate) fn json_escape(s: &str) -> String {
    let q = serde_json::Value::String(s.to_string()).to_string();
    q[1..q.len() - 1].to_string()
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn json_escape_tanpa_kutip() {
        assert_eq!(json_escape("a\"b\nc\\"), "a\\\"b\\nc\\\\");
    }
}
