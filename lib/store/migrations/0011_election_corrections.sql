-- Schema version 11: corrections of an election while it is open (nacsa-committee(1),
-- CORRECTIONS). A ballot recorded by mistake is voided, not deleted: it keeps its row, with the
-- day and the reason, and no longer counts. A candidate who withdraws keeps its row too, with
-- the day and the reason, and is no longer electable. Existing ballots and candidates stay
-- valid (the new columns are NULL).
ALTER TABLE vote ADD COLUMN voided_on TEXT;
ALTER TABLE vote ADD COLUMN void_reason TEXT;

-- One valid ballot per organisation: a voided ballot no longer stands in the way of the ballot
-- that replaces it.
DROP INDEX vote_once;
CREATE UNIQUE INDEX vote_once ON vote (election_id, voter_id, IFNULL(candidate_id, ''))
    WHERE voided_on IS NULL;

ALTER TABLE candidate ADD COLUMN withdrawn_on TEXT;
ALTER TABLE candidate ADD COLUMN withdraw_reason TEXT;
