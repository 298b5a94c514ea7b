-- Closing a tenant (issue 15 item 7): its personal data is erased when it closes, its financial record (the event
-- store and the read models of money) is kept until retain_until, set from the platform's retention period.
alter table tenant add column retain_until timestamptz;
