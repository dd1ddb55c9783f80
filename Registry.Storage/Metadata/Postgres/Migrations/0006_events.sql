-- Events and webhooks (IEventStore): the PostgreSQL twin of the SQLite script. Times are Unix milliseconds (bigint).
-- Lists (namespaces, repositories, actions) are JSON arrays of strings and headers a JSON object, kept as text.
-- delivery status: 0 = pending, 1 = delivered, 2 = failed (DeliveryStatus; never renumber).

-- The secret is kept as given: every delivery is signed with it (HMAC-SHA256), so it cannot be stored hashed.
CREATE TABLE webhooks (
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    name               text COLLATE "C" NOT NULL,
    url                text NOT NULL,
    secret             text NOT NULL,
    headers            text NOT NULL,
    namespaces         text NOT NULL,
    repositories       text NOT NULL,
    repository_pattern text,
    actions            text NOT NULL,
    enabled            boolean NOT NULL,
    created_by         text NOT NULL,
    created_at         bigint NOT NULL,
    updated_at         bigint NOT NULL,
    CONSTRAINT uq_webhooks_name UNIQUE (name)
);

-- Each event once, as the JSON sent (one element of the envelope's "events").
CREATE TABLE events (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    at          bigint NOT NULL,
    action      text NOT NULL,
    repository  text COLLATE "C" NOT NULL,
    payload     text NOT NULL
);
CREATE INDEX ix_events_at ON events (at);

-- One row per event and webhook. A pending row is due at next_attempt_at; claimed_by/claimed_until is the lease of
-- the node attempting it (a lapsed lease makes it claimable again). Nodes claim with FOR UPDATE SKIP LOCKED.
CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       text COLLATE "C" NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         text COLLATE "C" NOT NULL REFERENCES events (id),
    status           smallint NOT NULL,
    attempts         integer NOT NULL,
    last_error       text,
    last_status_code integer,
    next_attempt_at  bigint NOT NULL,
    claimed_by       text,
    claimed_until    bigint,
    created_at       bigint NOT NULL,
    delivered_at     bigint,
    CONSTRAINT uq_webhook_deliveries_event UNIQUE (webhook_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
