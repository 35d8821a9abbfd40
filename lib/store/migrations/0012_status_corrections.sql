-- Schema version 12: a member status change entered by mistake is voided, not deleted: the
-- history keeps the entry with the date it was voided and why, and every reader of the history
-- (the status on a date, the census, the member's current status) skips voided entries.
ALTER TABLE member_status_history ADD COLUMN voided_at TEXT;   -- ISO date it was voided
ALTER TABLE member_status_history ADD COLUMN void_reason TEXT;
