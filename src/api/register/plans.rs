//! The register's plans part (`lotsen_api::register::plans`).
