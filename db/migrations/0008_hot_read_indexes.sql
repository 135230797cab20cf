DROP INDEX `case_parties_account`;--> statement-breakpoint
CREATE INDEX `case_parties_case` ON `case_parties` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_parties_account` ON `case_parties` (`account_id`,`case_id`);--> statement-breakpoint
DROP INDEX `consults_case`;--> statement-breakpoint
CREATE INDEX `consults_case` ON `consults` (`case_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `case_events_case_kind` ON `case_events` (`case_id`,`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `cases_open_created` ON `cases` (`created_at`) WHERE "cases"."status" NOT IN ('resolved', 'closed', 'merged');--> statement-breakpoint
CREATE INDEX `cases_open_severity` ON `cases` (`severity`,`created_at`) WHERE "cases"."status" NOT IN ('resolved', 'closed', 'merged');--> statement-breakpoint
CREATE INDEX `cases_open_creator` ON `cases` (`created_by`,`created_at`) WHERE "cases"."status" NOT IN ('resolved', 'closed', 'merged');--> statement-breakpoint
CREATE INDEX `cases_open_owner` ON `cases` (`owner_id`,`created_at`) WHERE "cases"."status" NOT IN ('resolved', 'closed', 'merged');--> statement-breakpoint
CREATE INDEX `decisions_supersedes` ON `decisions` (`supersedes_decision_id`) WHERE "decisions"."supersedes_decision_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_case_failed` ON `jobs` (`case_id`,`failed_at`) WHERE failed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `mediation_case_logged` ON `mediation_entries` (`case_id`,`logged_at`);--> statement-breakpoint
CREATE INDEX `sla_watch_due` ON `sla_watch` (`due_at`) WHERE risk_at IS NOT NULL;--> statement-breakpoint
-- Closing a case now deletes its SLA watch; watches of cases finished before this migration go too.
DELETE FROM `sla_watch` WHERE `case_id` IN (SELECT `id` FROM `cases` WHERE `status` IN ('resolved', 'closed', 'merged'));
