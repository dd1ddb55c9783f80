-- Tag history, protection and floating tags (ITagStore). Enums are stored as their integer values, which are part of
-- the Core contract and must never be renumbered:
--   tag_history.kind:           0 = created, 1 = moved, 2 = deleted, 3 = restored          (TagChangeKind)
--   tag_protection_rules.kind:  1 = immutable, 2 = protected from deletion                 (TagProtectionKind)
--   scope_kind:                 1 = namespace, 2 = repository                               (ScopeKind)

-- Who made each change and what it was. Rows written before this migration have neither (NULL): readers derive
-- the kind from the digests (no old = created, no new = deleted, else moved).
ALTER TABLE tag_history ADD COLUMN actor TEXT;
ALTER TABLE tag_history ADD COLUMN kind INTEGER;

-- Rules per namespace or repository. The pattern is a .NET regular expression matched against the whole tag.
-- They are read inside the transactions that move and delete tags.
CREATE TABLE tag_protection_rules (
    id          INTEGER PRIMARY KEY,
    scope_kind  INTEGER NOT NULL,
    scope       TEXT    NOT NULL,
    pattern     TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (scope_kind, scope, pattern, kind)
);

-- Floating tags per repository, keyed by name so they can be set before the first push. Booleans are 0/1.
CREATE TABLE floating_tag_settings (
    repository    TEXT    NOT NULL PRIMARY KEY,
    floating_tags INTEGER NOT NULL,
    float_latest  INTEGER NOT NULL,
    updated_by    TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
