//! Log output: text (coloured only on a terminal) or JSON lines, filtered by
//! `LOTSEN_LOG`.
//!
//! Request bodies and query strings are never logged, nor is a personnummer.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// The filter when `LOTSEN_LOG` is unset or invalid.
pub const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn";

/// Installs the global log subscriber; does nothing if one is installed already.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("LOTSEN_LOG")
        .unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    // Colours only for a person at a terminal: a log file or a collector gets
    // plain text.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stdout().is_terminal());
    let _already_installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
