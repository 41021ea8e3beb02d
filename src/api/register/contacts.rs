//! The register's contacts part (`lotsen_api::register::contacts`).
