//! One module per route.

pub mod application;
pub mod booking;
pub mod feedback;
pub mod home;
pub mod invitation;
pub mod me;
pub mod my_plan;
pub mod not_found;
pub mod passkeys;
pub mod password_reset;
pub mod phone;
pub mod register;
pub mod schedule;
pub mod sign_in;
pub mod staff;
