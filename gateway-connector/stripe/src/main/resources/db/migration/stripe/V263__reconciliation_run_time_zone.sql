-- i18n (issue 17): a reconciliation day is the tenant's day, midnight to midnight in its time-zone setting. The zone
-- a run counted its day in is kept with the run, so the day's bounds stay what they were after the tenant changes its
-- zone. Runs made before this column existed counted the UTC day, which is how a null is read.
alter table reconciliation_run add column time_zone text;
