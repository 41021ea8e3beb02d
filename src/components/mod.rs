//! Building blocks shared by the pages.

pub mod area_style;
pub mod chart;
pub mod confirm;
pub mod data;
pub mod field;
pub mod guard;
pub mod invitation;
pub mod language;
pub mod layout;
pub mod page_title;
pub mod shell;
pub mod status;
pub mod submit;
pub mod table;
