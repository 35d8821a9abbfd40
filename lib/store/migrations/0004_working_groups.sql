-- Schema version 4: working groups, their thematic areas, members, leads and tasks.
-- Memberships and leads are never deleted: ending one sets its end date (history kept).

CREATE TABLE working_group (
    id         TEXT PRIMARY KEY,               -- stable id: the configured key or a slug of the name
    name       TEXT NOT NULL,
    purpose    TEXT,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created    TEXT NOT NULL,                  -- ISO date the group was set up
    archived   TEXT,                           -- ISO date it was archived
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'archived') = (archived IS NOT NULL))
);

CREATE TABLE wg_theme (
    wg_id TEXT NOT NULL REFERENCES working_group (id) ON DELETE CASCADE,
    theme TEXT NOT NULL,                       -- a thematic_areas key of the configuration
    PRIMARY KEY (wg_id, theme)
) WITHOUT ROWID;
CREATE INDEX wg_theme_theme ON wg_theme (theme);

-- Member organisations in a group, with the contact that represents them there.
CREATE TABLE wg_membership (
    id         INTEGER PRIMARY KEY,
    wg_id      TEXT NOT NULL REFERENCES working_group (id) ON DELETE CASCADE,
    member_id  TEXT NOT NULL REFERENCES member (id),
    contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    joined     TEXT NOT NULL,                  -- ISO date
    ended      TEXT,                           -- ISO date it ended; NULL while a member
    end_reason TEXT,                           -- why it ended: left, withdrawn, archived
    CHECK (ended IS NULL OR ended >= joined)
);
CREATE UNIQUE INDEX wg_membership_current ON wg_membership (wg_id, member_id) WHERE ended IS NULL;
CREATE INDEX wg_membership_member ON wg_membership (member_id);

-- Who leads a group: a member organisation and one of its contacts; one current lead.
CREATE TABLE wg_lead (
    id         INTEGER PRIMARY KEY,
    wg_id      TEXT NOT NULL REFERENCES working_group (id) ON DELETE CASCADE,
    member_id  TEXT NOT NULL REFERENCES member (id),
    contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    started    TEXT NOT NULL,
    ended      TEXT,
    end_reason TEXT,                           -- replaced, left, withdrawn, archived
    CHECK (ended IS NULL OR ended >= started)
);
CREATE UNIQUE INDEX wg_lead_current ON wg_lead (wg_id) WHERE ended IS NULL;
CREATE INDEX wg_lead_member ON wg_lead (member_id);

CREATE TABLE wg_task (
    id          INTEGER PRIMARY KEY,           -- the number `wg task add` prints
    wg_id       TEXT NOT NULL REFERENCES working_group (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT,
    owner_id    TEXT REFERENCES member (id),
    due         TEXT,                          -- ISO date
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    activity_id TEXT,                          -- the activity-plan item it belongs to, if any
    created     TEXT NOT NULL,                 -- ISO date
    closed      TEXT,                          -- ISO date it was done or dropped
    close_note  TEXT,
    CHECK ((status = 'open') = (closed IS NULL))
);
CREATE INDEX wg_task_group ON wg_task (wg_id, status);
CREATE INDEX wg_task_owner ON wg_task (owner_id);
