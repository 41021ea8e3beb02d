//! Building blocks shared by the pages.

pub mod language;
pub mod layout;
pub mod page_title;
