-- Garbage collection counts artifact files as references (docs/gc.md). Blobs queued before that (by 0010's initial
-- queueing, an image deleted while an artifact shared its bytes, an upload link) but used by an artifact file leave
-- the review queue. Entries already deleting stay: a pass re-checks them, sees the file and drops them.
DELETE FROM gc_queue
WHERE state = 0 AND EXISTS (SELECT 1 FROM artifact_files af WHERE af.digest = gc_queue.digest);
