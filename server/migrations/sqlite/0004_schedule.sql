-- The individual schedule: activities with a weekly recurrence in a term
-- (Europe/Stockholm wall-clock times), single occurrences cancelled or moved,
-- activities assigned to young people, their "can't come" notes, and the
-- hashed tokens of personal calendar feeds. Dates are ISO `YYYY-MM-DD` text
-- (ordered as text), times are minutes after midnight.

CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description  TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    place        TEXT    NOT NULL DEFAULT '' CHECK (length(place) <= 200),
    kind         TEXT    NOT NULL CHECK (kind IN ('working_life', 'study_room', 'wellness',
                                                  'individual_meeting', 'study_visit', 'other')),
    leader_id    INTEGER REFERENCES staff (account_id),
    capacity     INTEGER CHECK (capacity BETWEEN 1 AND 1000),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1439),
    first_date   TEXT    NOT NULL CHECK (first_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    last_date    TEXT    NOT NULL CHECK (last_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (start_minute < end_minute),
    CHECK (first_date <= last_date)
) STRICT;
CREATE INDEX activities_term ON activities (first_date, last_date);

CREATE TABLE activity_weekdays (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    -- ISO weekday: 1 = Monday … 7 = Sunday.
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    PRIMARY KEY (activity_id, weekday)
) STRICT;

-- One change per planned occurrence, keyed by its planned date.
CREATE TABLE occurrence_changes (
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    date         TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    status       TEXT    NOT NULL CHECK (status IN ('cancelled', 'moved')),
    moved_date   TEXT    CHECK (moved_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    moved_start  INTEGER CHECK (moved_start BETWEEN 0 AND 1439),
    moved_end    INTEGER CHECK (moved_end BETWEEN 1 AND 1439),
    note         TEXT    CHECK (length(note) BETWEEN 1 AND 500),
    changed_by   INTEGER NOT NULL REFERENCES accounts (id),
    changed_at   INTEGER NOT NULL,
    PRIMARY KEY (activity_id, date),
    CHECK ((status = 'cancelled' AND moved_date IS NULL AND moved_start IS NULL AND moved_end IS NULL)
        OR (status = 'moved' AND moved_date IS NOT NULL AND moved_start IS NOT NULL
            AND moved_end IS NOT NULL AND moved_start < moved_end))
) STRICT;
CREATE INDEX occurrence_changes_moved ON occurrence_changes (activity_id, moved_date);

-- An activity on a young person's schedule, on some or all of its weekdays.
CREATE TABLE assignments (
    id          INTEGER PRIMARY KEY,
    youth_id    INTEGER NOT NULL REFERENCES youth (account_id),
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    -- Bit n-1 set for ISO weekday n; 0 means every weekday of the activity.
    weekdays    INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127),
    from_date   TEXT    NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- Set when ended: occurrences from this date on are no longer on the schedule.
    ended_on    TEXT    CHECK (ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_by  INTEGER NOT NULL REFERENCES accounts (id),
    created_at  INTEGER NOT NULL,
    ended_by    INTEGER REFERENCES accounts (id),
    ended_at    INTEGER,
    CHECK ((ended_on IS NULL) = (ended_at IS NULL))
) STRICT;
-- At most one running assignment of an activity per young person.
CREATE UNIQUE INDEX assignments_running ON assignments (youth_id, activity_id) WHERE ended_on IS NULL;
CREATE INDEX assignments_activity ON assignments (activity_id);

-- "Can't come": one per young person and occurrence (its planned date).
CREATE TABLE absences (
    youth_id    INTEGER NOT NULL REFERENCES youth (account_id),
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    reason      TEXT    CHECK (length(reason) BETWEEN 1 AND 500),
    reported_at INTEGER NOT NULL,
    PRIMARY KEY (youth_id, activity_id, date)
) STRICT;
CREATE INDEX absences_occurrence ON absences (activity_id, date);

-- Personal calendar feeds: SHA-256 of the secret token; one active per young person.
CREATE TABLE calendar_feeds (
    id         INTEGER PRIMARY KEY,
    youth_id   INTEGER NOT NULL REFERENCES youth (account_id),
    token_hash TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;
CREATE UNIQUE INDEX calendar_feeds_active ON calendar_feeds (youth_id) WHERE revoked_at IS NULL;
