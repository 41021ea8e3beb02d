-- The staff list of young people shows each one's latest application (the
-- newest by created_at, then id): one index step per young person listed,
-- whatever the number of applications. It serves every lookup by youth_id
-- that applications_youth served, so that one goes.
CREATE INDEX applications_youth_latest ON applications (youth_id, created_at, id);
DROP INDEX applications_youth;
