-- Reads cost what their window costs. An interval overlaps a window
-- [from, to) when it starts before `to` and ends after `from`; an index on
-- one end alone walks every interval on the other side (all past or all
-- future rows). The reads bound the start from both sides instead: it lies
-- in (from - longest, to), `longest` being the longest such interval.
--
-- Time off: by staff member and start, and by staff member and length, so
-- that a staff member's longest time off is one index step (the free-times
-- read asks for it). Bookings and group sessions already have
-- (staff_id, starts_at); their length is bounded by the session types'
-- limits (length 480 + buffer 240 minutes).
CREATE INDEX time_off_staff_start ON time_off (staff_id, starts_at);
CREATE INDEX time_off_staff_length ON time_off (staff_id, (ends_at - starts_at));

-- Bookings by group session only for group seats: as a plain index it also
-- answered `group_session_id IS NULL`, every individual booking of everyone,
-- and the planner chose it for a staff member's individual bookings.
DROP INDEX bookings_group;
CREATE INDEX bookings_group ON bookings (group_session_id) WHERE group_session_id IS NOT NULL;

-- A young person's "can't come" in a range of dates (the primary key leads
-- with the activity after the young person, so it walks all of theirs).
CREATE INDEX absences_youth_date ON absences (youth_id, date);
