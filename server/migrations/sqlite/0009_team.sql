-- A young person's team: the staff members, besides their contact person, who
-- may open the young person's record. Added and removed by the contact person
-- or an administrator, each with a reason; a removal ends the row (the history
-- is kept), and a member can be added again later as a new row.

CREATE TABLE youth_team (
    id             INTEGER PRIMARY KEY,
    youth_id       INTEGER NOT NULL REFERENCES youth (account_id),
    staff_id       INTEGER NOT NULL REFERENCES staff (account_id),
    added_at       INTEGER NOT NULL,
    added_by       INTEGER NOT NULL REFERENCES accounts (id),
    added_reason   TEXT    NOT NULL CHECK (length(added_reason) BETWEEN 1 AND 500),
    removed_at     INTEGER,
    removed_by     INTEGER REFERENCES accounts (id),
    removed_reason TEXT    CHECK (removed_reason IS NULL OR length(removed_reason) BETWEEN 1 AND 500),
    CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_reason IS NULL))
) STRICT;
-- At most one current membership per young person and staff member.
CREATE UNIQUE INDEX youth_team_current ON youth_team (youth_id, staff_id) WHERE removed_at IS NULL;
-- The access rule looks memberships up by staff member.
CREATE INDEX youth_team_staff ON youth_team (staff_id, youth_id) WHERE removed_at IS NULL;
