-- What each young person was reminded of after a change of their schedule:
-- one row per young person, activity and change (the activity's last edit or
-- its latest occurrence change, Unix seconds), written in the transaction
-- that queues the reminder, so a change is reminded once however often and
-- however concurrently the task runs. `starts_at`: the first occurrence after
-- the change; `reminded_at` NULL when it had begun before the task saw the
-- change (nothing sent); `outbox_id` the message, if the person could be reached.
CREATE TABLE change_reminders (
    youth_id    BIGINT  NOT NULL REFERENCES youth (account_id),
    activity_id BIGINT  NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    changed_at  BIGINT  NOT NULL,
    starts_at   BIGINT  NOT NULL,
    reminded_at BIGINT,
    outbox_id   BIGINT  REFERENCES outbox (id),
    PRIMARY KEY (youth_id, activity_id, changed_at)
);
