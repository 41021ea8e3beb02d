//! The register's people part (`lotsen_api::register::people`).
