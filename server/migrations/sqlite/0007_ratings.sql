-- Ratings of activities and booked sessions, and staff's "you said, we did" answers.
--
-- One rating per person per occurrence: `rater_key` is SHA-256 over a server
-- secret (`rating_secret`), the young person's id and the occurrence, so the
-- unique index decides between concurrent writes without the row naming the
-- person. An anonymous rating keeps `youth_id` NULL and nothing else that
-- leads back to the person (no booking id, no timestamps finer than a day).
-- `changeable_until` is the end of the seventh day after the first rating
-- (Unix seconds, rounded up to a whole UTC day).

CREATE TABLE rating_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT    NOT NULL CHECK (length(secret) = 64)
) STRICT;

CREATE TABLE ratings (
    id               INTEGER PRIMARY KEY,
    rater_key        TEXT    NOT NULL UNIQUE CHECK (length(rater_key) = 64 AND rater_key NOT GLOB '*[^0-9a-f]*'),
    -- NULL when the rating is anonymous.
    youth_id         INTEGER REFERENCES youth (account_id),
    -- An activity's occurrence (by its planned date) ...
    activity_id      INTEGER REFERENCES activities (id),
    -- ... or a booked session: its type and staff member (never the booking).
    session_type_id  INTEGER REFERENCES session_types (id),
    staff_id         INTEGER REFERENCES staff (account_id),
    occurrence_date  TEXT    NOT NULL CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    score            INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment          TEXT    CHECK (length(comment) BETWEEN 1 AND 500),
    changeable_until INTEGER NOT NULL,
    CHECK ((activity_id IS NOT NULL AND session_type_id IS NULL AND staff_id IS NULL)
        OR (activity_id IS NULL AND session_type_id IS NOT NULL AND staff_id IS NOT NULL))
) STRICT;
CREATE INDEX ratings_activity ON ratings (activity_id, occurrence_date);
CREATE INDEX ratings_date ON ratings (occurrence_date);

-- "You said, we did": staff's answer to an activity's feedback, shown to its participants.
CREATE TABLE feedback_answers (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    body        TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 500),
    written_by  INTEGER NOT NULL REFERENCES accounts (id),
    written_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX feedback_answers_activity ON feedback_answers (activity_id, written_at);
