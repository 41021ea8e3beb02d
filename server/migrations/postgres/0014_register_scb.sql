-- The SCB half-year report and the figures read the register periods that
-- overlap a half-year [first, last]: the open ones (deregistered_on IS NULL)
-- and the ended ones that ended on or after the first day, each registered
-- by the last day. With this index both are index ranges, so that a report
-- costs its window, not the register's whole history (0013's
-- `register_periods_registered` alone would read every period ever
-- registered before the half-year ended).
CREATE INDEX register_periods_deregistered ON register_periods (deregistered_on);
