-- Redeliveries (POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver): a new delivery of an event a webhook
-- was sent before, naming the delivery it repeats (redelivery_of) and who asked for it (redelivered_by). An event
-- still gets one ordinary delivery per webhook: the unique constraint becomes a unique index that leaves
-- redeliveries out.
ALTER TABLE webhook_deliveries ADD COLUMN redelivery_of bigint;
ALTER TABLE webhook_deliveries ADD COLUMN redelivered_by text;
ALTER TABLE webhook_deliveries DROP CONSTRAINT uq_webhook_deliveries_event;
CREATE UNIQUE INDEX uq_webhook_deliveries_event ON webhook_deliveries (webhook_id, event_id) WHERE redelivery_of IS NULL;
