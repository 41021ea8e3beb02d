-- Account recovery and throttling: password reset links and known devices.
-- Times are Unix seconds (UTC).

-- A password reset: single use, 30 minutes. Only the token's SHA-256 is kept;
-- the token itself is in the link's fragment, in the owner's own e-mail.
CREATE TABLE password_resets (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL CONSTRAINT password_resets_token_hash_unique UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- A member of staff who asked for it on the owner's behalf (never sees the link).
    created_by INTEGER REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set when used, or when a newer link replaced it.
    used_at    INTEGER
) STRICT;
CREATE INDEX password_resets_account ON password_resets (account_id);

-- Devices that have signed in to an account (OWASP's device cookie): failed
-- attempts from elsewhere do not slow them down. Only the cookie's SHA-256.
CREATE TABLE known_devices (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL CONSTRAINT known_devices_token_hash_unique UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX known_devices_account ON known_devices (account_id);
