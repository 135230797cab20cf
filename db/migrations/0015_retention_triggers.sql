-- Retention (docs/data-model.md "Retention and redaction"): the record stays append-only, except for the one rewrite
-- retention makes: an event's payload becomes the sealed payload recorded for it, every other column unchanged.
DROP TRIGGER case_events_no_update;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at
  OR NEW.actor IS NOT OLD.actor OR NEW.kind IS NOT OLD.kind OR NEW.prev_hash IS NOT OLD.prev_hash
  OR NEW.hash IS NOT OLD.hash
  OR NOT EXISTS (SELECT 1 FROM case_event_redactions r WHERE r.event_id = OLD.id AND r.sealed_payload = NEW.payload)
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
--> statement-breakpoint
-- An evidence entry of a redacted case may lose its texts (to the marker) and link, nothing else.
DROP TRIGGER evidence_no_update;
--> statement-breakpoint
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.seq IS NOT OLD.seq OR NEW.kind IS NOT OLD.kind
  OR NEW.redacts_evidence_id IS NOT OLD.redacts_evidence_id OR NEW.added_by IS NOT OLD.added_by
  OR NEW.added_at IS NOT OLD.added_at
  OR NEW.description IS NOT '[redacted under retention]' OR NEW.source IS NOT '[redacted under retention]'
  OR NEW.link IS NOT NULL
  OR NOT EXISTS (SELECT 1 FROM case_redactions r WHERE r.case_id = OLD.case_id)
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only');
END;
--> statement-breakpoint
-- A file of a redacted case may lose its name (to the marker); its hash, size and type stay.
DROP TRIGGER evidence_files_no_update;
--> statement-breakpoint
CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
WHEN NEW.id IS NOT OLD.id OR NEW.evidence_id IS NOT OLD.evidence_id OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.size IS NOT OLD.size OR NEW.mime_type IS NOT OLD.mime_type OR NEW.slack_file_id IS NOT OLD.slack_file_id
  OR NEW.uploaded_by IS NOT OLD.uploaded_by OR NEW.name IS NOT '[redacted under retention]'
  OR NOT EXISTS (
    SELECT 1 FROM evidence e JOIN case_redactions r ON r.case_id = e.case_id WHERE e.id = OLD.evidence_id
  )
BEGIN
  SELECT RAISE(ABORT, 'evidence_files is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_event_redactions_no_update BEFORE UPDATE ON case_event_redactions
BEGIN
  SELECT RAISE(ABORT, 'case_event_redactions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_event_redactions_no_delete BEFORE DELETE ON case_event_redactions
BEGIN
  SELECT RAISE(ABORT, 'case_event_redactions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_redactions_no_update BEFORE UPDATE ON case_redactions
BEGIN
  SELECT RAISE(ABORT, 'case_redactions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_redactions_no_delete BEFORE DELETE ON case_redactions
BEGIN
  SELECT RAISE(ABORT, 'case_redactions is append-only');
END;
--> statement-breakpoint
-- A redacted case's search document names no party: an account shared with a live case keeps its name there.
DROP VIEW case_search_documents;
--> statement-breakpoint
CREATE VIEW case_search_documents AS
SELECT
  c.id AS case_id,
  c.human_id,
  c.title,
  c.description,
  CASE WHEN EXISTS (SELECT 1 FROM case_redactions r WHERE r.case_id = c.id) THEN '' ELSE coalesce(
    (SELECT group_concat(a.account_ref || ' ' || a.display_name, ' ')
       FROM case_parties p JOIN accounts a ON a.id = p.account_id
      WHERE p.case_id = c.id),
    ''
  ) END AS parties,
  c.category
FROM cases c;
--> statement-breakpoint
-- A vote of a redacted case may lose its rationale (to the marker), nothing else.
DROP TRIGGER sanction_votes_no_update;
--> statement-breakpoint
CREATE TRIGGER sanction_votes_no_update BEFORE UPDATE ON sanction_votes
WHEN NEW.id IS NOT OLD.id OR NEW.proposal_id IS NOT OLD.proposal_id OR NEW.voter IS NOT OLD.voter
  OR NEW.choice IS NOT OLD.choice OR NEW.voter_is_lead IS NOT OLD.voter_is_lead
  OR NEW.voter_is_legal IS NOT OLD.voter_is_legal OR NEW.cast_at IS NOT OLD.cast_at OR NEW.view_id IS NOT OLD.view_id
  OR NEW.rationale IS NOT '[redacted under retention]'
  OR NOT EXISTS (
    SELECT 1 FROM sanction_proposals p JOIN case_redactions r ON r.case_id = p.case_id WHERE p.id = OLD.proposal_id
  )
BEGIN
  SELECT RAISE(ABORT, 'sanction_votes is append-only');
END;
