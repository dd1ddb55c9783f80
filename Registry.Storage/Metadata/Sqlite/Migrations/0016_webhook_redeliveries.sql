-- Redeliveries (POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver): a new delivery of an event a webhook
-- was sent before, naming the delivery it repeats (redelivery_of) and who asked for it (redelivered_by). An event
-- still gets one ordinary delivery per webhook (the unique index now leaves redeliveries out), so SQLite's inline
-- UNIQUE (webhook_id, event_id) of 0006 gives way to a partial unique index: the table is rebuilt, ids kept.
CREATE TABLE webhook_deliveries_new (
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
    redelivery_of    INTEGER,
    redelivered_by   TEXT
);
INSERT INTO webhook_deliveries_new (id, webhook_id, event_id, status, attempts, last_error, last_status_code, next_attempt_at,
    claimed_by, claimed_until, created_at, delivered_at)
SELECT id, webhook_id, event_id, status, attempts, last_error, last_status_code, next_attempt_at,
    claimed_by, claimed_until, created_at, delivered_at
FROM webhook_deliveries;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_new RENAME TO webhook_deliveries;
CREATE UNIQUE INDEX uq_webhook_deliveries_event ON webhook_deliveries (webhook_id, event_id) WHERE redelivery_of IS NULL;
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 0;
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
