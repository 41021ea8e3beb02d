//! The staff side: young people, their records, and the audit log.

pub mod audit;
pub mod youth_detail;
pub mod youth_list;
pub mod youth_new;
