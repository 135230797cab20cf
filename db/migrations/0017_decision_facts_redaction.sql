-- Retention also reaches a decision's statement of reasons: its decision_facts is the proposal's facts as typed, so
-- a decision of a redacted case may lose that one field (to the marker); every other field of the statement stays.
DROP TRIGGER decisions_no_update;
--> statement-breakpoint
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.proposal_id IS NOT OLD.proposal_id
  OR NEW.account_id IS NOT OLD.account_id OR NEW.rung IS NOT OLD.rung OR NEW.puid IS NOT OLD.puid
  OR NEW.supersedes_decision_id IS NOT OLD.supersedes_decision_id OR NEW.decided_at IS NOT OLD.decided_at
  OR NEW.applies_from IS NOT OLD.applies_from OR NEW.applies_until IS NOT OLD.applies_until
  OR json_extract(NEW.statement, '$.decision_facts') IS NOT '[redacted under retention]'
  OR json_remove(NEW.statement, '$.decision_facts') IS NOT json_remove(OLD.statement, '$.decision_facts')
  OR NOT EXISTS (SELECT 1 FROM case_redactions r WHERE r.case_id = OLD.case_id)
BEGIN
  SELECT RAISE(ABORT, 'decisions is append-only');
END;
