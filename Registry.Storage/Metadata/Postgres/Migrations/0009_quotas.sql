-- Optional byte quota per namespace (IUsageStore): the PostgreSQL twin of the SQLite script.
CREATE TABLE namespace_quotas (
    namespace   text COLLATE "C" NOT NULL PRIMARY KEY,
    bytes       bigint NOT NULL,
    set_by      text NOT NULL,
    set_at      bigint NOT NULL
);
