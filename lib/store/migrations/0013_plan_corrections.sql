-- Schema version 13: corrections and dates of the plan's records.
-- A status change of an activity entered by mistake is voided, not deleted (as a member's, in
-- version 12): the history keeps it with the day it was voided and why, and every reader of the
-- history (the activity's status, the plan as of a date, the plan file's import) skips it.
ALTER TABLE plan_activity_status ADD COLUMN voided_at TEXT;    -- ISO date it was voided
ALTER TABLE plan_activity_status ADD COLUMN void_reason TEXT;
-- The day a priority or an indicator was entered, so that a report of an earlier period (the
-- plan as of its end) leaves out what was added afterwards. NULL for records entered before
-- this version: they count as always in the plan.
ALTER TABLE plan_priority ADD COLUMN recorded_on TEXT;         -- ISO date
ALTER TABLE plan_indicator ADD COLUMN recorded_on TEXT;        -- ISO date
