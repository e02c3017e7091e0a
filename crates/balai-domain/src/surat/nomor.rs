//! Letter number formats.
