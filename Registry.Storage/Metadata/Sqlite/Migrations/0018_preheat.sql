-- Preheat (docs/preheat.md): the edges this registry can ask to prefetch images (another registry of ours with a
-- docker remote over this one: its URL, the remote's key, the account, the password encrypted by the credential
-- protector) and the rules that preheat pushed tags (repository glob, tag expression, edge names comma-separated;
-- empty for every edge).
CREATE TABLE preheat_edges (
    name        TEXT    NOT NULL PRIMARY KEY,
    url         TEXT    NOT NULL,
    remote_key  TEXT    NOT NULL,
    username    TEXT,
    password    TEXT,
    created_at  INTEGER NOT NULL,
    created_by  TEXT    NOT NULL
);

CREATE TABLE preheat_rules (
    name        TEXT    NOT NULL PRIMARY KEY,
    repository  TEXT    NOT NULL,
    tag_pattern TEXT    NOT NULL,
    edges       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  TEXT    NOT NULL
);
