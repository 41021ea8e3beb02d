-- A new phone number waiting for its code (one per account): the number is
-- used (moved into `accounts.phone`) only when the code sent to it by SMS is
-- entered; until then the old number stays in use. Only the code's SHA-256
-- (hex, of account id, number and code) is kept. `attempts`: wrong codes
-- entered for this code; `sent_count` codes sent since `window_start` (the
-- limit on codes per hour). `outbox_id`: the SMS that carried the code, whose
-- text loses the code once it is used. Times are Unix seconds (UTC).
CREATE TABLE phone_verifications (
    account_id   INTEGER PRIMARY KEY REFERENCES accounts (id),
    phone        TEXT    NOT NULL,
    code_hash    TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_count   INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    outbox_id    INTEGER REFERENCES outbox (id)
) STRICT;
