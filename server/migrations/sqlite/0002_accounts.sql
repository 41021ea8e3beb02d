-- Accounts, sign-in and access control: people, invitations, sessions, the
-- outbox of outgoing messages, and the append-only audit log.
-- Times are Unix seconds (UTC) in both engines, so the same SQL compares them.
-- Applied migrations are never edited: add a new numbered file instead.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('youth', 'guardian', 'staff')),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email         TEXT    CONSTRAINT accounts_email_unique UNIQUE,
    phone         TEXT    CONSTRAINT accounts_phone_unique UNIQUE,
    -- A PHC string (argon2id); NULL until an invitation is accepted.
    password_hash TEXT,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE staff (
    account_id INTEGER PRIMARY KEY NOT NULL REFERENCES accounts (id),
    profession TEXT    NOT NULL CHECK (profession IN ('contact_person', 'study_counsellor', 'job_coach',
                                                      'school_counsellor', 'social_worker', 'employment_officer')),
    is_admin   INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1))
) STRICT;

CREATE TABLE youth (
    account_id         INTEGER PRIMARY KEY NOT NULL REFERENCES accounts (id),
    -- YYYYMMDDNNNC.
    personnummer       TEXT    NOT NULL CONSTRAINT youth_personnummer_unique UNIQUE
                               CHECK (length(personnummer) = 12 AND personnummer NOT GLOB '*[^0-9]*'),
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    contact_person_id  INTEGER REFERENCES staff (account_id)
) STRICT;
CREATE INDEX youth_contact_person ON youth (contact_person_id);

CREATE TABLE guardian_of (
    guardian_id INTEGER NOT NULL REFERENCES accounts (id),
    youth_id    INTEGER NOT NULL REFERENCES youth (account_id),
    PRIMARY KEY (guardian_id, youth_id)
) STRICT;
CREATE INDEX guardian_of_youth ON guardian_of (youth_id);

CREATE TABLE invitations (
    id         INTEGER PRIMARY KEY,
    -- SHA-256 of the token, hex; the token itself is only in the link.
    token_hash TEXT    NOT NULL CONSTRAINT invitations_token_hash_unique UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_by INTEGER REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    -- Set when a newer invitation for the same account replaced this one.
    revoked_at INTEGER
) STRICT;
CREATE INDEX invitations_account ON invitations (account_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL CONSTRAINT sessions_token_hash_unique UNIQUE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER
) STRICT;
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    channel    TEXT    NOT NULL CHECK (channel IN ('email')),
    to_address TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    -- The link in it is blanked out once the message is sent.
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (sent_at, id);

-- Who read or changed which young person's record, and when. Append-only.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES accounts (id),
    youth_id INTEGER NOT NULL REFERENCES youth (account_id),
    action   TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_youth ON audit_log (youth_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
