-- The audit timeline is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
