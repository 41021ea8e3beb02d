//! Moving a municipality's data from its SQLite file to PostgreSQL:
//! `lotsen-server copy-to-postgres --from sqlite://… --to postgres://…`.
//!
//! Both databases are migrated to the same version first; the target must be
//! empty. Tables are copied in foreign-key order inside one PostgreSQL
//! transaction (all or nothing), each value read from SQLite as text and cast
//! to the target column's type by PostgreSQL; identity sequences are moved past
//! the copied ids; then every table's row count is compared.
//!
//! The list of tables and columns comes from PostgreSQL's catalog, so new
//! migrations need no change here.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::{PgPool, Row, SqlitePool};

/// The table sqlx keeps its migration history in; each side has its own.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// One table's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCount {
    /// The table.
    pub table: String,
    /// Rows in SQLite.
    pub source: i64,
    /// Rows in PostgreSQL after the copy.
    pub target: i64,
}

/// Why the copy stopped. Nothing was written to the target in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// The two databases do not have the same tables (different versions?).
    #[error(
        "the databases have different tables: only in SQLite {only_source:?}, only in PostgreSQL {only_target:?}"
    )]
    SchemaMismatch {
        /// Tables only in the source.
        only_source: Vec<String>,
        /// Tables only in the target.
        only_target: Vec<String>,
    },
    /// The target already holds data.
    #[error("the PostgreSQL database is not empty (table {0} has rows): copy into a new database")]
    TargetNotEmpty(String),
    /// Foreign keys form a cycle that insertion order cannot satisfy.
    #[error("the foreign keys between tables form a cycle: {0:?}")]
    Cycle(Vec<String>),
    /// A row count differs after the copy.
    #[error("row counts differ after the copy: {0:?}")]
    CountMismatch(Vec<TableCount>),
    /// A database error.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A target column: its name and its type as PostgreSQL writes it.
struct Column {
    name: String,
    pg_type: String,
}

/// Tables the migrations fill with rows of their own (the register's code
/// list of measures, `0013_register`): not empty in a new database, and
/// replaced by the source's rows.
const SEEDED_BY_MIGRATIONS: [&str; 1] = ["measure_codes"];

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// Copies every table and returns the verified row counts.
pub async fn sqlite_to_postgres(
    from: &SqlitePool,
    to: &PgPool,
) -> Result<Vec<TableCount>, CopyError> {
    let source: BTreeSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(from)
    .await?
    .into_iter()
    .filter(|t| t != MIGRATIONS_TABLE)
    .collect();
    let target: BTreeSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    .fetch_all(to)
    .await?
    .into_iter()
    .filter(|t| t != MIGRATIONS_TABLE)
    .collect();
    if source != target {
        return Err(CopyError::SchemaMismatch {
            only_source: source.difference(&target).cloned().collect(),
            only_target: target.difference(&source).cloned().collect(),
        });
    }
    for table in target
        .iter()
        .filter(|t| !SEEDED_BY_MIGRATIONS.contains(&t.as_str()))
    {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", quote(table)))
            .fetch_one(to)
            .await?;
        if n > 0 {
            return Err(CopyError::TargetNotEmpty(table.clone()));
        }
    }

    let order = insertion_order(&target, &foreign_keys(to).await?)?;
    let mut tx = to.begin().await?;
    // The rows the migrations put there are in the source too (perhaps edited
    // since): the source's copy replaces them.
    for table in SEEDED_BY_MIGRATIONS {
        sqlx::query(&format!("DELETE FROM {}", quote(table)))
            .execute(&mut *tx)
            .await?;
    }
    for table in &order {
        let columns = columns(to, table).await?;
        let names: Vec<String> = columns.iter().map(|c| quote(&c.name)).collect();
        let select = format!(
            "SELECT {} FROM {} ORDER BY rowid",
            columns
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote(&c.name)))
                .collect::<Vec<_>>()
                .join(", "),
            quote(table)
        );
        let insert = format!(
            "INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE VALUES ({})",
            quote(table),
            names.join(", "),
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("${}::{}", i + 1, c.pg_type))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows = sqlx::query(&select).fetch_all(from).await?;
        for row in rows {
            let mut q = sqlx::query(&insert);
            for i in 0..columns.len() {
                q = q.bind(row.try_get::<Option<String>, _>(i)?);
            }
            q.execute(&mut *tx).await?;
        }
        reset_sequences(&mut tx, table, &columns).await?;
    }
    tx.commit().await?;

    let mut counts = Vec::new();
    for table in &order {
        let source: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", quote(table)))
            .fetch_one(from)
            .await?;
        let target: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", quote(table)))
            .fetch_one(to)
            .await?;
        counts.push(TableCount {
            table: table.clone(),
            source,
            target,
        });
    }
    let wrong: Vec<TableCount> = counts
        .iter()
        .filter(|c| c.source != c.target)
        .cloned()
        .collect();
    if wrong.is_empty() {
        Ok(counts)
    } else {
        Err(CopyError::CountMismatch(wrong))
    }
}

/// The target's writable columns in order, with their types.
async fn columns(to: &PgPool, table: &str) -> Result<Vec<Column>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) \
         FROM pg_attribute a \
         WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident($1))::regclass \
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' \
         ORDER BY a.attnum",
    )
    .bind(table)
    .fetch_all(to)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Column {
                name: r.try_get(0)?,
                pg_type: r.try_get(1)?,
            })
        })
        .collect()
}

/// (child, parent) pairs of the target's foreign keys.
async fn foreign_keys(to: &PgPool) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT child.relname::text, parent.relname::text \
         FROM pg_constraint c \
         JOIN pg_class child ON child.oid = c.conrelid \
         JOIN pg_class parent ON parent.oid = c.confrelid \
         WHERE c.contype = 'f' AND child.relnamespace = current_schema()::regnamespace",
    )
    .fetch_all(to)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// Tables ordered so that every table comes after the tables it refers to.
/// Self-references are left to the rows' own order (by rowid).
fn insertion_order(
    tables: &BTreeSet<String>,
    fks: &[(String, String)],
) -> Result<Vec<String>, CopyError> {
    let mut parents: BTreeMap<&str, BTreeSet<&str>> = tables
        .iter()
        .map(|t| (t.as_str(), BTreeSet::new()))
        .collect();
    for (child, parent) in fks {
        if child != parent
            && let Some(p) = parents.get_mut(child.as_str())
        {
            p.insert(parent.as_str());
        }
    }
    let mut order = Vec::new();
    while !parents.is_empty() {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(_, ps)| ps.is_empty())
            .map(|(t, _)| *t)
            .collect();
        if ready.is_empty() {
            return Err(CopyError::Cycle(
                parents.keys().map(|t| t.to_string()).collect(),
            ));
        }
        for t in ready {
            parents.remove(t);
            for ps in parents.values_mut() {
                ps.remove(t);
            }
            order.push(t.to_string());
        }
    }
    Ok(order)
}

/// Moves each identity or serial sequence of `table` past the largest copied value.
async fn reset_sequences(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &str,
    columns: &[Column],
) -> Result<(), sqlx::Error> {
    for c in columns {
        let seq: Option<String> =
            sqlx::query_scalar("SELECT pg_get_serial_sequence(quote_ident($1), $2)")
                .bind(table)
                .bind(&c.name)
                .fetch_one(&mut **tx)
                .await?;
        if let Some(seq) = seq {
            sqlx::query(&format!(
                "SELECT setval($1::regclass, COALESCE((SELECT MAX({}) FROM {}), 0) + 1, false)",
                quote(&c.name),
                quote(table)
            ))
            .bind(seq)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parents_come_before_children() {
        let fks = vec![
            ("sessions".to_string(), "accounts".to_string()),
            ("youth".to_string(), "accounts".to_string()),
            ("youth".to_string(), "staff".to_string()),
            ("staff".to_string(), "accounts".to_string()),
            ("accounts".to_string(), "accounts".to_string()),
        ];
        let order = insertion_order(
            &set(&["youth", "sessions", "staff", "accounts", "app_meta"]),
            &fks,
        )
        .unwrap();
        let pos = |t: &str| order.iter().position(|x| x == t).unwrap();
        assert!(pos("accounts") < pos("staff"));
        assert!(pos("staff") < pos("youth"));
        assert!(pos("accounts") < pos("sessions"));
        assert_eq!(order.len(), 5);
    }

    #[test]
    fn a_cycle_is_refused() {
        let fks = vec![
            ("a".to_string(), "b".to_string()),
            ("b".to_string(), "a".to_string()),
        ];
        assert!(matches!(
            insertion_order(&set(&["a", "b"]), &fks),
            Err(CopyError::Cycle(_))
        ));
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote("audit_log"), "\"audit_log\"");
        assert_eq!(quote("we\"ird"), "\"we\"\"ird\"");
    }
}
