-- Booking sessions: session types per profession, weekly opening hours (Swedish
-- wall-clock minutes), time off, group sessions with seats, bookings, and the
-- waitlist. A booking *occupies* its time while its status is offered (held
-- for someone on the waitlist), booked, attended or no_show.
--
-- The invariants (no staff member double-booked including the buffer after,
-- no seat oversold, no young person in two overlapping bookings) are checked
-- inside the write transaction that books (SQLite: BEGIN IMMEDIATE, one writer
-- at a time); the unique indexes below also refuse an exact duplicate.

CREATE TABLE session_types (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    profession          TEXT    NOT NULL CHECK (profession IN ('contact_person', 'study_counsellor', 'job_coach',
                                                               'school_counsellor', 'social_worker', 'employment_officer')),
    description         TEXT    NOT NULL DEFAULT '',
    length_minutes      INTEGER NOT NULL CHECK (length_minutes BETWEEN 5 AND 480),
    buffer_minutes      INTEGER NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
    bookable_days_ahead INTEGER NOT NULL DEFAULT 28 CHECK (bookable_days_ahead BETWEEN 1 AND 365),
    notice_minutes      INTEGER NOT NULL DEFAULT 120 CHECK (notice_minutes BETWEEN 0 AND 20160),
    cancel_hours        INTEGER NOT NULL DEFAULT 24 CHECK (cancel_hours BETWEEN 0 AND 336),
    max_active_bookings INTEGER NOT NULL DEFAULT 2 CHECK (max_active_bookings BETWEEN 1 AND 20),
    is_group            INTEGER NOT NULL DEFAULT 0 CHECK (is_group IN (0, 1)),
    created_by          INTEGER NOT NULL REFERENCES accounts (id),
    created_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX session_types_profession ON session_types (profession);

CREATE TABLE opening_hours (
    staff_id     INTEGER NOT NULL REFERENCES staff (account_id),
    -- 1 = Monday … 7 = Sunday; minutes after midnight, Europe/Stockholm.
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute),
    PRIMARY KEY (staff_id, weekday, start_minute)
) STRICT;

CREATE TABLE time_off (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff (account_id),
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    reason    TEXT,
    CHECK (starts_at < ends_at)
) STRICT;
CREATE INDEX time_off_staff ON time_off (staff_id, ends_at);

CREATE TABLE group_sessions (
    id              INTEGER PRIMARY KEY,
    session_type_id INTEGER NOT NULL REFERENCES session_types (id),
    staff_id        INTEGER NOT NULL REFERENCES staff (account_id),
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    -- ends_at plus the session type's buffer: the staff member is busy until then.
    blocks_until    INTEGER NOT NULL,
    seats           INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 200),
    place           TEXT,
    created_at      INTEGER NOT NULL,
    CHECK (starts_at < ends_at AND ends_at <= blocks_until)
) STRICT;
CREATE INDEX group_sessions_staff ON group_sessions (staff_id, starts_at);
CREATE INDEX group_sessions_type ON group_sessions (session_type_id, starts_at);

CREATE TABLE bookings (
    id               INTEGER PRIMARY KEY,
    session_type_id  INTEGER NOT NULL REFERENCES session_types (id),
    staff_id         INTEGER NOT NULL REFERENCES staff (account_id),
    youth_id         INTEGER NOT NULL REFERENCES youth (account_id),
    group_session_id INTEGER REFERENCES group_sessions (id),
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL,
    blocks_until     INTEGER NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('offered', 'booked', 'attended', 'no_show', 'cancelled', 'lapsed')),
    note             TEXT,
    hold_expires_at  INTEGER,
    created_by       INTEGER NOT NULL REFERENCES accounts (id),
    created_at       INTEGER NOT NULL,
    cancelled_at     INTEGER,
    cancelled_by     INTEGER REFERENCES accounts (id),
    cancel_message   TEXT,
    cancelled_by_staff INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_by_staff IN (0, 1)),
    reminded_at      INTEGER,
    CHECK (starts_at < ends_at AND ends_at <= blocks_until),
    CHECK (status <> 'offered' OR hold_expires_at IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX bookings_staff_slot ON bookings (staff_id, starts_at)
    WHERE group_session_id IS NULL AND status IN ('offered', 'booked', 'attended', 'no_show');
CREATE UNIQUE INDEX bookings_group_seat ON bookings (group_session_id, youth_id)
    WHERE group_session_id IS NOT NULL AND status IN ('offered', 'booked', 'attended', 'no_show');
CREATE UNIQUE INDEX bookings_youth_slot ON bookings (youth_id, starts_at)
    WHERE status IN ('offered', 'booked', 'attended', 'no_show');
CREATE INDEX bookings_staff_time ON bookings (staff_id, starts_at);
CREATE INDEX bookings_youth_time ON bookings (youth_id, starts_at);
CREATE INDEX bookings_group ON bookings (group_session_id);
CREATE INDEX bookings_offers ON bookings (hold_expires_at) WHERE status = 'offered';
CREATE INDEX bookings_reminders ON bookings (starts_at) WHERE status = 'booked' AND reminded_at IS NULL;

CREATE TABLE waitlist (
    id               INTEGER PRIMARY KEY,
    session_type_id  INTEGER NOT NULL REFERENCES session_types (id),
    -- NULL: anyone of the session type's profession.
    staff_id         INTEGER REFERENCES staff (account_id),
    youth_id         INTEGER NOT NULL REFERENCES youth (account_id),
    status           TEXT    NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'left', 'lapsed')),
    offer_booking_id INTEGER REFERENCES bookings (id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX waitlist_once ON waitlist (youth_id, session_type_id) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_line ON waitlist (session_type_id, status, id);
CREATE INDEX waitlist_offer ON waitlist (offer_booking_id);
