//! The API tests: one binary, one module per area (zero-to-production style).
//!
//! The database engine comes from `LOTSEN_TEST_DB` (`sqlite`, the default, or
//! `postgres` with `LOTSEN_TEST_PG_URL`); every test gets a fresh database and
//! a clock stopped at noon on 2026-11-23 that moves only when a test says so.

mod applications;
mod audit;
mod authorization;
mod booking;
mod compression;
mod csrf;
mod demo;
mod errors;
mod feedback;
mod health;
mod helpers;
mod home;
mod invitations;
mod openapi;
mod outbox;
mod outcomes;
mod passkeys;
mod personnummer;
mod rating_key;
mod recovery;
mod register;
mod schedule;
mod security;
mod server;
mod session_rules;
mod sessions;
mod sign_in;
mod sms;
mod spa;
mod staff_today;
mod team;
mod text_input;
mod timeline;
mod youth;
