-- The activity-responsibility register (kommunala aktivitetsansvaret, KAA;
-- skollagen 29 kap. 9 §, förordning 2006:39): the young people under 20 the
-- municipality is responsible for, the outreach to them, their individual
-- plan and what is reported to SCB. Every person in it is a `youth` row (an
-- account with no password until they are invited), so a young person who
-- later joins the programme keeps one record, and the one access rule, the
-- team and the audit log apply unchanged.
-- Dates are ISO `YYYY-MM-DD` (Swedish calendar); times Unix seconds.

-- Staff who keep the register (activity-responsibility officers), given by
-- an administrator.
ALTER TABLE staff ADD COLUMN register_officer INTEGER NOT NULL DEFAULT 0 CHECK (register_officer IN (0, 1));

-- The register's contact details and school background of a young person, as
-- imported from the school register or entered by hand (one row each).
-- `email`/`phone` here are for reaching them, not for signing in. No address
-- is ever shown or printed when `youth.protected_identity` is set.
CREATE TABLE register_people (
    youth_id       INTEGER PRIMARY KEY NOT NULL REFERENCES youth (account_id),
    street         TEXT    CHECK (street IS NULL OR length(street) BETWEEN 1 AND 200),
    postal_code    TEXT    CHECK (postal_code IS NULL OR length(postal_code) BETWEEN 1 AND 10),
    city           TEXT    CHECK (city IS NULL OR length(city) BETWEEN 1 AND 100),
    phone          TEXT    CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 30),
    email          TEXT    CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    last_school    TEXT    CHECK (last_school IS NULL OR length(last_school) BETWEEN 1 AND 200),
    last_programme TEXT    CHECK (last_programme IS NULL OR length(last_programme) BETWEEN 1 AND 200),
    left_on        TEXT    CHECK (left_on IS NULL OR length(left_on) = 10),
    -- As the school register wrote it.
    left_reason    TEXT    CHECK (left_reason IS NULL OR length(left_reason) BETWEEN 1 AND 200),
    updated_at     INTEGER NOT NULL,
    updated_by     INTEGER REFERENCES accounts (id)
) STRICT;

-- Registrations and deregistrations: a young person's periods in the
-- register. History is kept; a young person can be registered again (a new
-- row). At most one open period each. `deregistered_by` is NULL when the
-- server deregistered them itself (on their 20th birthday).
CREATE TABLE register_periods (
    id                     INTEGER PRIMARY KEY,
    youth_id               INTEGER NOT NULL REFERENCES youth (account_id),
    registered_on          TEXT    NOT NULL CHECK (length(registered_on) = 10),
    registration_reason    TEXT    NOT NULL CHECK (registration_reason IN ('dropped_out', 'leaving_certificate',
                                                   'never_started', 'moved_in', 'school_notice', 'other')),
    -- E.g. the school's notice of long unexplained absence, in words.
    registration_note      TEXT    CHECK (registration_note IS NULL OR length(registration_note) BETWEEN 1 AND 1000),
    registered_by          INTEGER REFERENCES accounts (id),
    recorded_at            INTEGER NOT NULL,
    deregistered_on        TEXT    CHECK (deregistered_on IS NULL OR length(deregistered_on) = 10),
    deregistration_reason  TEXT    CHECK (deregistration_reason IS NULL OR deregistration_reason IN
                                          ('turned_20', 'started_education', 'completed_education', 'moved_away', 'other')),
    deregistration_note    TEXT    CHECK (deregistration_note IS NULL OR length(deregistration_note) BETWEEN 1 AND 1000),
    deregistered_by        INTEGER REFERENCES accounts (id),
    deregistered_at        INTEGER,
    CHECK ((deregistered_on IS NULL) = (deregistration_reason IS NULL)),
    CHECK ((deregistered_on IS NULL) = (deregistered_at IS NULL)),
    CHECK (deregistered_on IS NULL OR deregistered_on >= registered_on)
) STRICT;
CREATE UNIQUE INDEX register_periods_open ON register_periods (youth_id) WHERE deregistered_on IS NULL;
CREATE INDEX register_periods_youth ON register_periods (youth_id, registered_on);
-- The half-year report and the figures read periods overlapping a date range.
CREATE INDEX register_periods_registered ON register_periods (registered_on);

-- The outbox carries SMS too (written by the register's SMS rung; sent by the
-- SMS gateway once it exists, waiting until then).
CREATE TABLE outbox_new (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    channel    TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    to_address TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
) STRICT;
INSERT INTO outbox_new (id, account_id, channel, to_address, subject, body, created_at, sent_at, attempts, last_error)
    SELECT id, account_id, channel, to_address, subject, body, created_at, sent_at, attempts, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (sent_at, id);

-- Every attempt to reach a young person (the outreach ladder: call, SMS,
-- letter, home visit), by whom, to whom and how it went; when reached, what
-- the young person is doing. A home visit names the second member of staff
-- who went and its checklist (a JSON array of checked item keys).
CREATE TABLE register_contacts (
    id              INTEGER PRIMARY KEY,
    youth_id        INTEGER NOT NULL REFERENCES youth (account_id),
    contacted_on    TEXT    NOT NULL CHECK (length(contacted_on) = 10),
    channel         TEXT    NOT NULL CHECK (channel IN ('phone', 'sms', 'letter', 'home_visit', 'school', 'meeting', 'other')),
    recipient       TEXT    NOT NULL CHECK (recipient IN ('youth', 'guardian')),
    staff_id        INTEGER NOT NULL REFERENCES staff (account_id),
    second_staff_id INTEGER REFERENCES staff (account_id),
    outcome         TEXT    NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'message_left', 'declined')),
    occupation      TEXT    CHECK (occupation IS NULL OR occupation IN ('studies', 'work', 'none', 'other', 'unknown')),
    note            TEXT    CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000),
    checklist       TEXT,
    -- The SMS this attempt wrote to the outbox, if any.
    outbox_id       INTEGER REFERENCES outbox (id),
    -- When to try again (the worklist shows it on that day).
    next_contact_on TEXT    CHECK (next_contact_on IS NULL OR length(next_contact_on) = 10),
    recorded_at     INTEGER NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES accounts (id),
    CHECK ((outcome = 'reached') = (occupation IS NOT NULL)),
    CHECK ((channel = 'home_visit') = (second_staff_id IS NOT NULL)),
    CHECK (second_staff_id IS NULL OR second_staff_id <> staff_id)
) STRICT;
CREATE INDEX register_contacts_youth ON register_contacts (youth_id, contacted_on);
CREATE INDEX register_contacts_next ON register_contacts (next_contact_on) WHERE next_contact_on IS NOT NULL;

-- The code list of measures (insatser), kept by an administrator.
CREATE TABLE measure_codes (
    code     TEXT    PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    label_sv TEXT    NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 200),
    label_en TEXT    NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
INSERT INTO measure_codes (code, label_sv, label_en) VALUES
    ('guidance', 'Studie- och yrkesvägledning', 'Study and career guidance'),
    ('motivation', 'Motiverande insats', 'Motivational programme'),
    ('work_practice', 'Praktik', 'Work practice'),
    ('job_support', 'Stöd att söka arbete', 'Support in finding work'),
    ('upper_secondary', 'Studier i gymnasieskolan', 'Upper-secondary studies'),
    ('adult_education', 'Studier inom Komvux', 'Municipal adult education (Komvux)'),
    ('folk_high_school', 'Studier på folkhögskola', 'Folk high school studies'),
    ('employment_service', 'Insats via Arbetsförmedlingen', 'Measure through Arbetsförmedlingen'),
    ('social_services', 'Stöd från socialtjänsten', 'Support from social services'),
    ('other', 'Annan insats', 'Other measure');

-- The individual plan (Skolverket's general advice): each revision is a new
-- version; earlier versions are kept. The mapping conversation's notes are
-- the young person's goals, needs and expectations in their own words; the
-- young person agrees or comments on the version they see.
CREATE TABLE register_plans (
    id             INTEGER PRIMARY KEY,
    youth_id       INTEGER NOT NULL REFERENCES youth (account_id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    conversation_on TEXT   CHECK (conversation_on IS NULL OR length(conversation_on) = 10),
    own_words      TEXT    NOT NULL CHECK (length(own_words) BETWEEN 1 AND 4000),
    goal           TEXT    NOT NULL CHECK (length(goal) BETWEEN 1 AND 1000),
    -- The measures as they stood when this version was made (JSON), so an
    -- earlier version reads as it was.
    measures_snapshot TEXT NOT NULL DEFAULT '[]',
    created_at     INTEGER NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES accounts (id),
    agreed_at      INTEGER,
    youth_comment  TEXT    CHECK (youth_comment IS NULL OR length(youth_comment) BETWEEN 1 AND 2000),
    responded_at   INTEGER,
    CONSTRAINT register_plans_version UNIQUE (youth_id, version)
) STRICT;

-- A plan's measures, each with who is responsible, planned dates, the actual
-- end and why, and the next follow-up.
CREATE TABLE register_measures (
    id                INTEGER PRIMARY KEY,
    youth_id          INTEGER NOT NULL REFERENCES youth (account_id),
    code              TEXT    NOT NULL REFERENCES measure_codes (code),
    responsible_kind  TEXT    NOT NULL CHECK (responsible_kind IN ('youth', 'municipality', 'other')),
    -- The municipal unit or the other actor (Arbetsförmedlingen, Komvux, …).
    responsible_name  TEXT    CHECK (responsible_name IS NULL OR length(responsible_name) BETWEEN 1 AND 200),
    planned_start     TEXT    NOT NULL CHECK (length(planned_start) = 10),
    planned_end       TEXT    CHECK (planned_end IS NULL OR length(planned_end) = 10),
    actual_end        TEXT    CHECK (actual_end IS NULL OR length(actual_end) = 10),
    end_reason        TEXT    CHECK (end_reason IS NULL OR end_reason IN ('completed', 'discontinued', 'moved_on', 'other')),
    next_follow_up    TEXT    CHECK (next_follow_up IS NULL OR length(next_follow_up) = 10),
    created_at        INTEGER NOT NULL,
    created_by        INTEGER NOT NULL REFERENCES accounts (id),
    updated_at        INTEGER NOT NULL,
    CHECK ((responsible_kind = 'youth') = (responsible_name IS NULL)),
    CHECK ((actual_end IS NULL) = (end_reason IS NULL))
) STRICT;
CREATE INDEX register_measures_youth ON register_measures (youth_id, planned_start);
CREATE INDEX register_measures_follow_up ON register_measures (next_follow_up) WHERE next_follow_up IS NOT NULL;
