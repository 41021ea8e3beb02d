//! The register of people: young people (registered by staff, with their
//! guardians and invitations), staff, and who may see whose record.

pub mod access;
