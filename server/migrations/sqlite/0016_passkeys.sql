-- Passkeys (WebAuthn): a person's credentials, and the evidence of an
-- application signed with one. Times are Unix seconds (UTC). Ceremonies in
-- progress (a challenge waiting for its answer, five minutes at most) are kept
-- in the server's memory, like the sign-in throttle: a restart only means
-- trying again.

-- A registered passkey. `credential_id` is the authenticator's id of it
-- (base64url); `passkey` webauthn-rs's serialised Passkey (the public key,
-- its algorithm and the signature counter), updated after each use.
CREATE TABLE passkeys (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    credential_id TEXT    NOT NULL CONSTRAINT passkeys_credential_unique UNIQUE,
    passkey       TEXT    NOT NULL,
    -- The name the person gave the device ("My phone").
    name          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
) STRICT;
CREATE INDEX passkeys_account ON passkeys (account_id);

-- A signature made with a passkey instead of the password: the assertion as
-- the authenticator gave it and the server's nonce, so that it can be checked
-- again at any time against the public key (copied here: the passkey may be
-- removed later) and the document hash of the signature row. The challenge
-- signed was SHA-256(document hash (hex, as text) || nonce).
CREATE TABLE application_signature_passkeys (
    signature_id       INTEGER PRIMARY KEY REFERENCES application_signatures (id),
    credential_id      TEXT    NOT NULL,
    public_key         TEXT    NOT NULL,
    nonce              TEXT    NOT NULL,
    authenticator_data TEXT    NOT NULL,
    client_data_json   TEXT    NOT NULL,
    signature          TEXT    NOT NULL
) STRICT;
