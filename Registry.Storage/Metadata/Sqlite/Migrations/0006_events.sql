-- Events and webhooks (IEventStore). Times are Unix milliseconds. Lists (namespaces, repositories, actions) are JSON
-- arrays of strings and headers a JSON object. delivery status: 0 = pending, 1 = delivered, 2 = failed
-- (DeliveryStatus; never renumber).

-- The secret is kept as given: every delivery is signed with it (HMAC-SHA256), so it cannot be stored hashed.
CREATE TABLE webhooks (
    id                 TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    url                TEXT    NOT NULL,
    secret             TEXT    NOT NULL,
    headers            TEXT    NOT NULL,
    namespaces         TEXT    NOT NULL,
    repositories       TEXT    NOT NULL,
    repository_pattern TEXT,
    actions            TEXT    NOT NULL,
    enabled            INTEGER NOT NULL,
    created_by         TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

-- Each event once, as the JSON sent (one element of the envelope's "events").
CREATE TABLE events (
    id          TEXT    NOT NULL PRIMARY KEY,
    at          INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    repository  TEXT    NOT NULL,
    payload     TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_events_at ON events (at);

-- One row per event and webhook. A pending row is due at next_attempt_at; claimed_by/claimed_until is the lease of
-- the node attempting it (a lapsed lease makes it claimable again).
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id       TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         TEXT    NOT NULL REFERENCES events (id),
    status           INTEGER NOT NULL,
    attempts         INTEGER NOT NULL,
    last_error       TEXT,
    last_status_code INTEGER,
    next_attempt_at  INTEGER NOT NULL,
    claimed_by       TEXT,
    claimed_until    INTEGER,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
