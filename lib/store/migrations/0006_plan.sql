-- Schema version 6: the activity plan. Priorities agreed in the VPI report (or with the
-- government), the activities that serve them, indicators with dated measurements, and the
-- alliance's contributions to the UNTOC review. Read by `nacsa plan` and by reports.

CREATE TABLE plan_priority (
    code             TEXT PRIMARY KEY,           -- e.g. P1
    title            TEXT NOT NULL,
    description      TEXT,
    source           TEXT NOT NULL CHECK (source IN ('vpi_report', 'government', 'alliance')),
    source_reference TEXT,                       -- e.g. "VPI report, recommendation 4"
    source_date      TEXT,                       -- ISO date
    updated_at       TEXT NOT NULL
);

CREATE TABLE plan_priority_theme (
    priority_code TEXT NOT NULL REFERENCES plan_priority (code) ON DELETE CASCADE,
    theme         TEXT NOT NULL,                 -- a thematic_areas key of the configuration
    PRIMARY KEY (priority_code, theme)
) WITHOUT ROWID;
CREATE INDEX plan_priority_theme_theme ON plan_priority_theme (theme);

CREATE TABLE plan_activity (
    id                 TEXT PRIMARY KEY,         -- e.g. A7
    title              TEXT NOT NULL,
    description        TEXT,
    kind               TEXT NOT NULL CHECK (kind IN ('meeting_series', 'capacity_building', 'engagement',
                           'policy_brief', 'publication', 'research', 'awareness_campaign',
                           'questionnaire_contribution', 'other')),
    serves_no_priority INTEGER NOT NULL DEFAULT 0 CHECK (serves_no_priority IN (0, 1)),
    working_group      TEXT,                     -- a working group id (text reference)
    member_id          TEXT,                     -- a member id (text reference)
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'delayed', 'cancelled')),
    updated_at         TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX plan_activity_member ON plan_activity (member_id) WHERE member_id IS NOT NULL;

CREATE TABLE plan_activity_priority (
    activity_id   TEXT NOT NULL REFERENCES plan_activity (id) ON DELETE CASCADE,
    priority_code TEXT NOT NULL REFERENCES plan_priority (code),
    PRIMARY KEY (activity_id, priority_code)
) WITHOUT ROWID;
CREATE INDEX plan_activity_priority_priority ON plan_activity_priority (priority_code);

-- Every status an activity has had, with the date it took effect; the latest is
-- plan_activity.status.
CREATE TABLE plan_activity_status (
    id          INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES plan_activity (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'delayed', 'cancelled')),
    date        TEXT NOT NULL,
    note        TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX plan_activity_status_activity ON plan_activity_status (activity_id, date);

CREATE TABLE plan_progress_note (
    id          INTEGER PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES plan_activity (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    note        TEXT NOT NULL
);
CREATE INDEX plan_progress_note_activity ON plan_progress_note (activity_id, date);

-- An indicator measures either an activity or a priority.
CREATE TABLE plan_indicator (
    id            TEXT PRIMARY KEY,              -- e.g. I3
    activity_id   TEXT REFERENCES plan_activity (id) ON DELETE CASCADE,
    priority_code TEXT REFERENCES plan_priority (code) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    unit          TEXT NOT NULL,
    baseline      REAL NOT NULL,
    baseline_date TEXT,                          -- else the activity's start date
    target        REAL NOT NULL,
    target_date   TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((activity_id IS NULL) <> (priority_code IS NULL))
);
CREATE INDEX plan_indicator_activity ON plan_indicator (activity_id);
CREATE INDEX plan_indicator_priority ON plan_indicator (priority_code);

-- Dated actual values of an indicator (one per date).
CREATE TABLE plan_measurement (
    indicator_id TEXT NOT NULL REFERENCES plan_indicator (id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    value        REAL NOT NULL,
    note         TEXT,
    PRIMARY KEY (indicator_id, date)
) WITHOUT ROWID;

-- What the alliance contributed to the government's answers in the UNTOC review.
CREATE TABLE plan_contribution (
    id             TEXT PRIMARY KEY,             -- e.g. C2
    questionnaire  TEXT NOT NULL,                -- questionnaire article or cluster
    submitted      TEXT NOT NULL,                -- ISO date
    submitted_to   TEXT NOT NULL,
    summary        TEXT NOT NULL,
    file_reference TEXT,
    updated_at     TEXT NOT NULL
);
