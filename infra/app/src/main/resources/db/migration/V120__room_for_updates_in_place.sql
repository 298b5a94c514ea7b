-- Rows that are updated over and over (an account's balance and latest reading, a property's figures, a meter's
-- latest reading, the processors' tokens) keep free room in their pages: an update then stays on its page (a HOT
-- update, which adds no index entries) and the page's dead versions are pruned as it is read, instead of the table and
-- its indexes growing until the next vacuum. Applies to pages written from now on.
alter table account_view set (fillfactor = 70);
alter table dashboard_account set (fillfactor = 70);
alter table dashboard_figure set (fillfactor = 50);
alter table meter_view set (fillfactor = 70);
alter table token_entry set (fillfactor = 50);
