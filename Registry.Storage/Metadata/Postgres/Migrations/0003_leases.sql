-- Named leases for background work that must run on one node at a time (upload expiry, later GC and webhooks).
CREATE TABLE leases (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    holder      text NOT NULL,
    expires_at  bigint NOT NULL
);
