-- Schema version 10: a meeting's invitees and quorum are derived when read, not frozen when
-- written (nacsa-meeting(1), INVITEES); decisions are tracked items.
--
-- meeting_invitee now holds only what is not derived from the body: members and people added
-- by hand (source 'added'), removals by hand (removed = 1), and the attendance of a derived
-- invitee (source 'derived' with attendance). The rows that only copied the body as it was
-- when the meeting was scheduled go: the body on the meeting's date is read each time. So an
-- old meeting shows the members seated or joined after it was scheduled, and no longer shows
-- one whose seat, membership or status on that date was corrected since, unless attendance was
-- recorded for it; additions, removals and attendance stay as they were.
DELETE FROM meeting_invitee WHERE source = 'derived' AND removed = 0 AND attendance IS NULL;

-- The quorum stored with a meeting and with each decision was a copy taken when written: it is
-- computed from the invitees and attendance whenever it is read.
ALTER TABLE meeting DROP COLUMN quorum_fraction;
ALTER TABLE meeting DROP COLUMN voting_invited;
ALTER TABLE meeting DROP COLUMN voting_present;
ALTER TABLE meeting DROP COLUMN quorum_required;
ALTER TABLE meeting DROP COLUMN quorum_met;
ALTER TABLE decision DROP COLUMN voting_present;
ALTER TABLE decision DROP COLUMN voting_invited;
ALTER TABLE decision DROP COLUMN quorum_required;
ALTER TABLE decision DROP COLUMN quorum_met;

-- A decision's outcome when set explicitly (NULL: from its votes, simple majority of the votes
-- cast), and the plan activity it gave rise to.
ALTER TABLE decision ADD COLUMN outcome TEXT
    CHECK (outcome = 'adopted' OR outcome = 'rejected' OR outcome = 'deferred');
ALTER TABLE decision ADD COLUMN activity TEXT;

-- The decision (its number within meeting_id) an action item comes from.
ALTER TABLE action_item ADD COLUMN decision INTEGER CHECK (decision > 0);
CREATE INDEX action_item_decision ON action_item (meeting_id, decision) WHERE decision IS NOT NULL;

-- The highest decision number a meeting has given, so that a deleted decision's number is not
-- given again (the audit log and the action items name decisions by it).
ALTER TABLE meeting ADD COLUMN last_decision INTEGER NOT NULL DEFAULT 0;
UPDATE meeting SET last_decision = (SELECT coalesce(max(number), 0) FROM decision
                                     WHERE decision.meeting_id = meeting.id);
