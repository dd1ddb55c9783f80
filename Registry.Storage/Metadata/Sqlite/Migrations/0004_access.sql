-- Identities and what they may do (IAccessStore). Times are Unix milliseconds, as everywhere else. Enums are stored
-- as their integer values, which are part of the Core contract and must never be renumbered:
--   scope_kind: 0 = global (scope ''), 1 = namespace, 2 = repository        (ScopeKind)
--   role:       1 = reader, 2 = developer, 3 = maintainer, 4 = admin        (Role)
--   actions:    flags 1 = pull, 2 = push, 4 = delete, 8 = manage, 16 = administer   (AccessAction)
-- Booleans are 0/1.

CREATE TABLE users (
    name          TEXT    NOT NULL PRIMARY KEY,
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- One role per subject and scope; no foreign key to users, so a grant never blocks a user's deletion (which
-- deletes the user's grants in the same transaction).
CREATE TABLE role_grants (
    subject     TEXT    NOT NULL,
    scope_kind  INTEGER NOT NULL,
    scope       TEXT    NOT NULL,
    role        INTEGER NOT NULL,
    granted_at  INTEGER NOT NULL,
    granted_by  TEXT    NOT NULL,
    PRIMARY KEY (subject, scope_kind, scope)
) WITHOUT ROWID;

-- Namespaces and repositories (or the global scope) anyone may pull from.
CREATE TABLE public_scopes (
    scope_kind  INTEGER NOT NULL,
    scope       TEXT    NOT NULL,
    PRIMARY KEY (scope_kind, scope)
) WITHOUT ROWID;

-- CI tokens: only the SHA-256 of the secret is kept; namespaces is a JSON array of strings.
CREATE TABLE ci_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    owner        TEXT    NOT NULL,
    secret_hash  BLOB    NOT NULL,
    namespaces   TEXT    NOT NULL,
    actions      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    last_used_at INTEGER
);
CREATE INDEX ix_ci_tokens_owner ON ci_tokens (owner);

-- Token signing keys shared by every node; private_key is PKCS#8 DER.
CREATE TABLE signing_keys (
    kid          TEXT    NOT NULL PRIMARY KEY,
    algorithm    TEXT    NOT NULL,
    private_key  BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    retired_at   INTEGER
) WITHOUT ROWID;

-- AUTOINCREMENT: ids never repeat, even after the newest entries are pruned, so they can serve as a cursor.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    client_address TEXT,
    action         TEXT    NOT NULL,
    target         TEXT,
    detail         TEXT,
    success        INTEGER NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, id);
CREATE INDEX ix_audit_log_action ON audit_log (action, id);

-- One row, bumped in the same transaction as every change to users, grants, public scopes and CI tokens, so each
-- node can tell with one point query whether what it cached is still current.
CREATE TABLE access_version (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);
