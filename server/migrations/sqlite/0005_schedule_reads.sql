-- The young person's schedule reads their assignments by youth_id, running or
-- ended within the range (the partial unique index covers running ones only).
CREATE INDEX assignments_youth ON assignments (youth_id, from_date);
