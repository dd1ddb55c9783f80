-- Optional byte quota per namespace (IUsageStore). Usage itself is computed on demand from manifests and
-- manifest_references (see docs/quotas.md), so there is nothing to keep in step here.
CREATE TABLE namespace_quotas (
    namespace   TEXT    NOT NULL PRIMARY KEY,
    bytes       INTEGER NOT NULL,
    set_by      TEXT    NOT NULL,
    set_at      INTEGER NOT NULL
) WITHOUT ROWID;
