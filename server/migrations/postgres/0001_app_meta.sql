-- Facts about the database itself (e.g. when demo data was seeded).
-- Applied migrations are never edited: add a new numbered file instead.
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
