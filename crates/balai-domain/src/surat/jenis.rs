//! Built-in letter types (filled in by the letter-type data work).
