-- What each young person was reminded of after a change of their schedule:
-- one row per young person, activity and change (the activity's last edit or
-- its latest occurrence change, Unix seconds), written in the transaction
-- that queues the reminder, so a change is reminded once however often and
-- however concurrently the task runs. `starts_at`: the first occurrence after
-- the change; `reminded_at` NULL when it had begun before the task saw the
-- change (nothing sent); `outbox_id` the message, if the person could be reached.
CREATE TABLE change_reminders (
    youth_id    INTEGER NOT NULL REFERENCES youth (account_id),
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    changed_at  INTEGER NOT NULL,
    starts_at   INTEGER NOT NULL,
    reminded_at INTEGER,
    outbox_id   INTEGER REFERENCES outbox (id),
    PRIMARY KEY (youth_id, activity_id, changed_at)
) STRICT;
