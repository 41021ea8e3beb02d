//! The register's scb part (`lotsen_api::register::scb`).
