//! The API tests: one binary, one module per area (zero-to-production style).
//!
//! The database engine comes from `LOTSEN_TEST_DB` (`sqlite`, the default, or
//! `postgres` with `LOTSEN_TEST_PG_URL`); every test gets a fresh database.

mod errors;
mod health;
mod helpers;
mod openapi;
mod personnummer;
mod security;
mod server;
mod spa;
