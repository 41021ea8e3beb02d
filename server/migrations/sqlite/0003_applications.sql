-- Applications: the draft a referrer starts, the young person's signature,
-- guardians' co-signatures, the team's decision, and an append-only timeline.
-- `version` grows with every edit and every voiding of signatures; a signature
-- belongs to one version, so an edited document never carries an old signature.

CREATE TABLE applications (
    id                 INTEGER PRIMARY KEY,
    youth_id           INTEGER NOT NULL REFERENCES youth (account_id),
    created_by         INTEGER NOT NULL REFERENCES accounts (id),
    status             TEXT    NOT NULL DEFAULT 'draft'
                               CHECK (status IN ('draft', 'waiting_for_guardians', 'submitted',
                                                 'accepted', 'declined', 'withdrawn')),
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- ApplicationContent as JSON (validated by the server).
    content            TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    -- Set when the young person signed under 18 and the guardians were asked.
    guardians_asked_at INTEGER,
    submitted_at       INTEGER,
    decided_at         INTEGER,
    decided_by         INTEGER REFERENCES accounts (id),
    decision_reason    TEXT,
    contact_person_id  INTEGER REFERENCES staff (account_id),
    withdrawn_at       INTEGER,
    CHECK (status <> 'submitted' OR submitted_at IS NOT NULL),
    CHECK (status <> 'accepted' OR (contact_person_id IS NOT NULL AND decided_at IS NOT NULL)),
    CHECK (status <> 'declined' OR (decision_reason IS NOT NULL AND decided_at IS NOT NULL))
) STRICT;
CREATE INDEX applications_youth ON applications (youth_id);
CREATE INDEX applications_status ON applications (status, submitted_at);

CREATE TABLE application_signatures (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    signer_id      INTEGER NOT NULL REFERENCES accounts (id),
    role           TEXT    NOT NULL CHECK (role IN ('youth', 'guardian')),
    version        INTEGER NOT NULL,
    -- SHA-256 of the canonical document, lower-case hex.
    document_hash  TEXT    NOT NULL CHECK (length(document_hash) = 64 AND document_hash NOT GLOB '*[^0-9a-f]*'),
    signed_at      INTEGER NOT NULL,
    voided_at      INTEGER,
    CONSTRAINT application_signatures_once UNIQUE (application_id, signer_id, version)
) STRICT;
CREATE INDEX application_signatures_application ON application_signatures (application_id, version);

CREATE TABLE application_consent_withdrawals (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    agency         TEXT    NOT NULL CHECK (agency IN ('school', 'social_services', 'employment_service', 'youth_clinic')),
    withdrawn_at   INTEGER NOT NULL,
    withdrawn_by   INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (application_id, agency)
) STRICT;

-- What happened, oldest first. Append-only.
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at             INTEGER NOT NULL,
    actor_id       INTEGER REFERENCES accounts (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('drafted', 'edited', 'signed', 'signatures_voided', 'cosigned',
                                                    'declined_by_guardian', 'submitted', 'accepted', 'declined',
                                                    'consent_withdrawn', 'withdrawn')),
    detail         TEXT
) STRICT;
CREATE INDEX application_events_application ON application_events (application_id, id);

CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
BEGIN
    SELECT RAISE(ABORT, 'application_events is append-only');
END;

CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
BEGIN
    SELECT RAISE(ABORT, 'application_events is append-only');
END;
