-- Schema version 9: acknowledged findings. `nacsa <area> check ack KEY --reason TEXT` silences
-- one finding of a check (KEY is its RULE:RECORD, stable from run to run) until a date or for
-- good: the check leaves it out of its output and its exit status (`--all` shows it).

CREATE TABLE finding_ack (
    id       INTEGER PRIMARY KEY,
    area     TEXT NOT NULL,     -- the command whose check it silences: committee, meeting, wg, plan
    key      TEXT NOT NULL,     -- RULE:RECORD, or RULE for a finding without a record
    reason   TEXT NOT NULL,
    until    TEXT,              -- last day it is silenced (YYYY-MM-DD); NULL: for good
    acked_at TEXT NOT NULL,
    UNIQUE (area, key)
);
