-- SMS through a gateway (Kannel's sendsms interface, or an aggregator's).
--
-- Every outgoing message has a status: `queued` (waiting; tried again at
-- `next_attempt_at` after a failure), `sending` (claimed by a sender, which
-- calls the gateway; left so when the gateway's answer never came, so that it
-- is never sent twice), `sent` (the gateway took it), `delivered` (the
-- gateway's delivery report said so) or `failed`. An SMS carries a secret in
-- its delivery-report URL; only its SHA-256 (hex) is kept here.
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed'));
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claimed_at BIGINT;
ALTER TABLE outbox ADD COLUMN delivered_at BIGINT;
ALTER TABLE outbox ADD COLUMN dlr_secret_hash TEXT;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
CREATE UNIQUE INDEX outbox_dlr_secret ON outbox (dlr_secret_hash);
CREATE INDEX outbox_sms_queue ON outbox (channel, status, next_attempt_at);

-- How the account's owner wants messages: `email` or `sms`; NULL (as before)
-- means e-mail when there is an address, else SMS.
ALTER TABLE accounts ADD COLUMN message_channel TEXT CHECK (message_channel IN ('email', 'sms'));
