-- A cut that supply control holds for the tenant's friendly window (decision DEFER, rule friendly-window), per meter:
-- since the first decision that held it, until a later decision or command supersedes it. dashboard-projection keeps
-- it; the dashboard, the accounts list and the account page say so, with until when (worked out from the tenant's
-- window as the page is shown, so a change of the friendly hours shows at once).
alter table meter_view add column cut_held_since timestamptz;
create index meter_view_cut_held on meter_view (tenant_id, property_id) where cut_held_since is not null;
