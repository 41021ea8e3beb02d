-- Staff's today reads the "can't come" of one date, for every activity
-- (the primary key and `absences_occurrence` lead with the young person or
-- the activity, so without this it walks the whole table).
CREATE INDEX absences_date ON absences (date);
