-- The figures of a refused row's rule (issue 17, item 3; infra/web-ui com.meterledger.ui.imports.ImportJobStore).
-- A refused row kept its rule and its English detail only, so the job page could word a rule in the reader's language
-- only when its text names no figure: "unit u-1 appears in an earlier row" stayed English for a Chinese reader. The
-- figures (the ids and limits the detail names: never an occupant's contact data) are kept beside the rule now, as a
-- JSON array in the order the rule's texts place them. Rows recorded before this column keep null: their page shows
-- the English detail they kept.
alter table import_job_row add column figures jsonb;
