-- Named leases for background work that must run on one node at a time (upload expiry, later GC and webhooks).
CREATE TABLE leases (
    name        TEXT    NOT NULL PRIMARY KEY,
    holder      TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
