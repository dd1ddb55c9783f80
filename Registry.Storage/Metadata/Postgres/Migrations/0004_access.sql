-- Identities and what they may do (IAccessStore): the PostgreSQL twin of the SQLite script. Names use COLLATE "C"
-- (ordinal ordering, as in SQLite); times are Unix milliseconds (bigint). Enums are stored as their integer values,
-- which are part of the Core contract and must never be renumbered:
--   scope_kind: 0 = global (scope ''), 1 = namespace, 2 = repository        (ScopeKind)
--   role:       1 = reader, 2 = developer, 3 = maintainer, 4 = admin        (Role)
--   actions:    flags 1 = pull, 2 = push, 4 = delete, 8 = manage, 16 = administer   (AccessAction)

CREATE TABLE users (
    name          text COLLATE "C" NOT NULL PRIMARY KEY,
    password_hash text NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);

-- One role per subject and scope; no foreign key to users, so a grant never blocks a user's deletion (which
-- deletes the user's grants in the same transaction).
CREATE TABLE role_grants (
    subject     text COLLATE "C" NOT NULL,
    scope_kind  smallint NOT NULL,
    scope       text COLLATE "C" NOT NULL,
    role        smallint NOT NULL,
    granted_at  bigint NOT NULL,
    granted_by  text NOT NULL,
    PRIMARY KEY (subject, scope_kind, scope)
);

-- Namespaces and repositories (or the global scope) anyone may pull from.
CREATE TABLE public_scopes (
    scope_kind  smallint NOT NULL,
    scope       text COLLATE "C" NOT NULL,
    PRIMARY KEY (scope_kind, scope)
);

-- CI tokens: only the SHA-256 of the secret is kept; namespaces is a JSON array of strings.
CREATE TABLE ci_tokens (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    name         text COLLATE "C" NOT NULL,
    owner        text COLLATE "C" NOT NULL,
    secret_hash  bytea NOT NULL,
    namespaces   text NOT NULL,
    actions      integer NOT NULL,
    created_at   bigint NOT NULL,
    expires_at   bigint NOT NULL,
    revoked_at   bigint,
    last_used_at bigint,
    CONSTRAINT uq_ci_tokens_name UNIQUE (name)
);
CREATE INDEX ix_ci_tokens_owner ON ci_tokens (owner);

-- Token signing keys shared by every node; private_key is PKCS#8 DER.
CREATE TABLE signing_keys (
    kid          text COLLATE "C" NOT NULL PRIMARY KEY,
    algorithm    text NOT NULL,
    private_key  bytea NOT NULL,
    created_at   bigint NOT NULL,
    retired_at   bigint
);

-- Ids come from a sequence: they increase with insertion order (entries of concurrent transactions may commit in
-- another order).
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             bigint NOT NULL,
    actor          text COLLATE "C" NOT NULL,
    client_address text,
    action         text COLLATE "C" NOT NULL,
    target         text COLLATE "C",
    detail         text,
    success        boolean NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, id);
CREATE INDEX ix_audit_log_action ON audit_log (action, id);

-- One row, bumped in the same transaction as every change to users, grants, public scopes and CI tokens, so each
-- node can tell with one point query whether what it cached is still current. Writers of those tables lock this
-- row first (SELECT ... FOR UPDATE), which serializes them across nodes as the SQLite store's write gate does.
CREATE TABLE access_version (
    id       smallint NOT NULL PRIMARY KEY CHECK (id = 1),
    version  bigint NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);
