-- Follow-up: a young person's statuses over time and two dated events (the
-- first contact, a study plan made). Append-only: a correction is a new row
-- naming the row it replaces (`corrects_id`, at most one correction per row,
-- and only of the same young person's rows).

CREATE TABLE outcome_entries (
    id          INTEGER PRIMARY KEY,
    youth_id    INTEGER NOT NULL REFERENCES youth (account_id),
    kind        TEXT    NOT NULL CHECK (kind IN ('studies', 'work', 'internship', 'other_activity', 'none',
                                                 'moved_away', 'contacted', 'study_plan')),
    -- ISO date, Swedish calendar.
    from_date   TEXT    NOT NULL CHECK (length(from_date) = 10),
    school      TEXT    CHECK (school IS NULL OR length(school) BETWEEN 1 AND 100),
    programme   TEXT    CHECK (programme IS NULL OR length(programme) BETWEEN 1 AND 100),
    corrects_id INTEGER CONSTRAINT outcome_entries_corrects_once UNIQUE,
    recorded_at INTEGER NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES accounts (id),
    CHECK ((kind = 'studies') = (school IS NOT NULL AND programme IS NOT NULL)),
    CHECK (kind = 'studies' OR (school IS NULL AND programme IS NULL)),
    CONSTRAINT outcome_entries_id_youth UNIQUE (id, youth_id),
    FOREIGN KEY (corrects_id, youth_id) REFERENCES outcome_entries (id, youth_id)
) STRICT;
CREATE INDEX outcome_entries_youth ON outcome_entries (youth_id, from_date);

CREATE TRIGGER outcome_entries_no_update BEFORE UPDATE ON outcome_entries
BEGIN
    SELECT RAISE(ABORT, 'outcome_entries is append-only');
END;

CREATE TRIGGER outcome_entries_no_delete BEFORE DELETE ON outcome_entries
BEGIN
    SELECT RAISE(ABORT, 'outcome_entries is append-only');
END;
