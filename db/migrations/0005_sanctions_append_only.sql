-- Votes and decisions are records: a changed vote and a reversal are new rows, never edits.
CREATE TRIGGER sanction_votes_no_update BEFORE UPDATE ON sanction_votes
BEGIN
  SELECT RAISE(ABORT, 'sanction_votes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER sanction_votes_no_delete BEFORE DELETE ON sanction_votes
BEGIN
  SELECT RAISE(ABORT, 'sanction_votes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions is append-only');
END;
