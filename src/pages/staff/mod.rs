//! The staff side: young people, their records and follow-up, the term report, and the audit log.

pub mod audit;
pub mod contact;
pub mod dev_outbox;
pub mod outcomes;
pub mod send_reset;
pub mod team;
pub mod term_report;
pub mod today;
pub mod youth_detail;
pub mod youth_list;
pub mod youth_new;
pub mod youth_timeline;
