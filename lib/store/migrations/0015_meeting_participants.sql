-- Schema version 15: the people who took part in a meeting, for participation by sex (UNODC and
-- donors ask for it). A participant came for a member organisation (one of its contacts, named
-- and with the gender its contact record had when added) or as a guest (a name and a gender).
-- The name and gender are kept as recorded for the meeting: a later change of the contact does
-- not rewrite who came. Erasing a person (member forget) replaces the name and keeps the gender,
-- so past counts by sex stay.
CREATE TABLE meeting_participant (
    id INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    member_id TEXT REFERENCES member(id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender = 'female' OR gender = 'male' OR gender = 'non_binary'
                                OR gender = 'undisclosed'),
    created_at TEXT NOT NULL
);
CREATE INDEX meeting_participant_meeting ON meeting_participant(meeting_id);
