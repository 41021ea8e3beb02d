//! Building blocks shared by the pages.

pub mod area_style;
pub mod card;
pub mod chart;
pub mod close_button;
pub mod confirm;
pub mod data;
pub mod field;
pub mod form_box;
pub mod guard;
pub mod invitation;
pub mod language;
pub mod layout;
pub mod page_title;
pub mod password_link;
pub mod shell;
pub mod status;
pub mod submit;
pub mod table;
