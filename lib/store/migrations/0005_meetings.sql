-- Schema version 5: meetings (calendar, agenda, invitees and attendance, minutes, decisions)
-- and action items. Bodies are written 'committee', 'all_members' or 'working_group:<key>'.

CREATE TABLE meeting (
    id               TEXT PRIMARY KEY,            -- M-2026-001: year of the meeting, then a number
    uid              TEXT NOT NULL UNIQUE,        -- iCalendar UID, kept across exports
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('steering_committee', 'general_assembly', 'working_group',
                                     'government_consultation', 'capacity_building',
                                     'constructive_dialogue', 'multistakeholder_preparation_day',
                                     'cop_side_event', 'regional_network_meeting', 'other')),
    body             TEXT NOT NULL,
    starts_at        TEXT NOT NULL,               -- UTC, "2026-04-04T14:00:00Z"
    time_zone        TEXT NOT NULL,               -- IANA zone the meeting is held in
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    place            TEXT,
    online_link      TEXT,
    format           TEXT NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'online', 'hybrid')),
    language         TEXT,
    status           TEXT NOT NULL DEFAULT 'scheduled'
                     CHECK (status IN ('scheduled', 'held', 'cancelled', 'postponed')),
    series_id        TEXT,                        -- id of the first meeting of its series
    sequence         INTEGER NOT NULL DEFAULT 0,  -- iCalendar SEQUENCE, bumped on each change
    -- Quorum as computed from the attendance: fraction applied, voting invitees, voting
    -- members present (or represented), the number required, and whether it was met.
    quorum_fraction  REAL NOT NULL,
    voting_invited   INTEGER NOT NULL DEFAULT 0,
    voting_present   INTEGER NOT NULL DEFAULT 0,
    quorum_required  INTEGER NOT NULL DEFAULT 0,
    quorum_met       INTEGER NOT NULL DEFAULT 0 CHECK (quorum_met IN (0, 1)),
    minutes          TEXT,
    minutes_file     TEXT,                        -- name of the file the minutes came from
    minutes_at       TEXT,                        -- when the minutes were recorded (UTC)
    attendance_at    TEXT,                        -- when attendance was first recorded (UTC)
    held_at          TEXT,                        -- when it was marked held (UTC)
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX meeting_start ON meeting (starts_at);
CREATE INDEX meeting_body ON meeting (body, starts_at);
CREATE INDEX meeting_series ON meeting (series_id) WHERE series_id IS NOT NULL;

-- Every status a meeting has had, and why (postponed, cancelled, rescheduled...).
CREATE TABLE meeting_status_history (
    id         INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled', 'postponed')),
    at         TEXT NOT NULL,
    starts_at  TEXT NOT NULL,                     -- the start date-time at that point
    reason     TEXT
);
CREATE INDEX meeting_status_history_meeting ON meeting_status_history (meeting_id, id);

CREATE TABLE agenda_item (
    id         INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    presenter  TEXT,
    link       TEXT,                              -- a plan activity or VPI priority id
    UNIQUE (meeting_id, position)
);

-- Who is invited: derived from the body at the meeting date (source 'derived'), or added by
-- hand; removed ones are kept with removed = 1 so that re-deriving does not bring them back.
-- Attendance is recorded on the invitee.
CREATE TABLE meeting_invitee (
    id             INTEGER PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    member_id      TEXT,                          -- a member organisation, or
    person         TEXT,                          -- a person by name (observer, guest)
    role           TEXT NOT NULL CHECK (role IN ('voting', 'observer', 'guest')),
    source         TEXT NOT NULL CHECK (source IN ('derived', 'added')),
    removed        INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    attendance     TEXT CHECK (attendance IN ('present', 'excused', 'absent', 'represented')),
    represented_by TEXT,
    CHECK ((member_id IS NULL) <> (person IS NULL))
);
CREATE UNIQUE INDEX meeting_invitee_member ON meeting_invitee (meeting_id, member_id) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX meeting_invitee_person ON meeting_invitee (meeting_id, person) WHERE person IS NOT NULL;

-- Decisions, numbered within their meeting, with the vote and the quorum when taken.
CREATE TABLE decision (
    meeting_id      TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    text            TEXT NOT NULL,
    votes_for       INTEGER,
    votes_against   INTEGER,
    votes_abstain   INTEGER,
    voting_present  INTEGER NOT NULL,
    voting_invited  INTEGER NOT NULL,
    quorum_required INTEGER NOT NULL,
    quorum_met      INTEGER NOT NULL CHECK (quorum_met IN (0, 1)),
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (meeting_id, number)
) WITHOUT ROWID;

CREATE TABLE action_item (
    id           TEXT PRIMARY KEY,                -- A-2026-001
    meeting_id   TEXT REFERENCES meeting (id) ON DELETE SET NULL,
    body         TEXT,                            -- carried to the next meeting of this body
    title        TEXT NOT NULL,
    owner_member TEXT,                            -- a member organisation, or
    owner_person TEXT,                            -- a person by name
    due          TEXT,                            -- ISO date
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    opened_on    TEXT NOT NULL,                   -- ISO date
    closed_on    TEXT,                            -- ISO date
    note         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX action_item_status ON action_item (status, due);
CREATE INDEX action_item_body ON action_item (body, status);
