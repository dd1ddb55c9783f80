-- Each run's trigger (manual, push, cron, retry) in a column of its own, so the scheduler finds a rule's latest cron
-- run by index instead of reading every run's summary. Runs recorded before carry it in their summary.
ALTER TABLE replication_runs ADD COLUMN run_trigger TEXT NOT NULL DEFAULT '';
UPDATE replication_runs SET run_trigger = coalesce(json_extract(summary, '$.trigger'), '');
CREATE INDEX ix_replication_runs_trigger ON replication_runs (rule, run_trigger, id);
