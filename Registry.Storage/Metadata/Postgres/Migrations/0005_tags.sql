-- Tag history, protection and floating tags (ITagStore): the PostgreSQL twin of the SQLite script. Enums are stored
-- as their integer values, which are part of the Core contract and must never be renumbered:
--   tag_history.kind:           0 = created, 1 = moved, 2 = deleted, 3 = restored          (TagChangeKind)
--   tag_protection_rules.kind:  1 = immutable, 2 = protected from deletion                 (TagProtectionKind)
--   scope_kind:                 1 = namespace, 2 = repository                               (ScopeKind)

-- Who made each change and what it was. Rows written before this migration have neither (NULL): readers derive
-- the kind from the digests (no old = created, no new = deleted, else moved). Nullable columns without a default:
-- no table rewrite.
ALTER TABLE tag_history ADD COLUMN actor text;
ALTER TABLE tag_history ADD COLUMN kind smallint;

-- Rules per namespace or repository. The pattern is a .NET regular expression matched against the whole tag.
-- They are read inside the transactions that move and delete tags.
CREATE TABLE tag_protection_rules (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_kind  smallint NOT NULL,
    scope       text COLLATE "C" NOT NULL,
    pattern     text COLLATE "C" NOT NULL,
    kind        smallint NOT NULL,
    created_by  text NOT NULL,
    created_at  bigint NOT NULL,
    CONSTRAINT uq_tag_protection_rules UNIQUE (scope_kind, scope, pattern, kind)
);

-- Floating tags per repository, keyed by name so they can be set before the first push.
CREATE TABLE floating_tag_settings (
    repository    text COLLATE "C" NOT NULL PRIMARY KEY,
    floating_tags boolean NOT NULL,
    float_latest  boolean NOT NULL,
    updated_by    text NOT NULL,
    updated_at    bigint NOT NULL
);
