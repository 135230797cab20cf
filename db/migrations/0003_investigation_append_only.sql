-- Evidence entries and role changes are records: corrections are new rows, never edits.
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'evidence_files is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'evidence_files is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER role_changes_no_update BEFORE UPDATE ON role_changes
BEGIN
  SELECT RAISE(ABORT, 'role_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER role_changes_no_delete BEFORE DELETE ON role_changes
BEGIN
  SELECT RAISE(ABORT, 'role_changes is append-only');
END;
--> statement-breakpoint
-- The three teams every T&S desk consults; their Slack group or channel is set with /incident team.
INSERT INTO consult_teams (key, name, updated_by, updated_at) VALUES
  ('legal', 'Legal', 'migration', 0),
  ('payments', 'Payments', 'migration', 0),
  ('product', 'Product', 'migration', 0);
