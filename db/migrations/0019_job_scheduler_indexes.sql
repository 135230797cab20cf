DROP INDEX `jobs_claim`;--> statement-breakpoint
CREATE INDEX `jobs_kind_due` ON `jobs` (`kind`,`run_at`) WHERE done_at IS NULL AND failed_at IS NULL;--> statement-breakpoint
CREATE INDEX `jobs_leased` ON `jobs` (`lease_until`) WHERE done_at IS NULL AND failed_at IS NULL AND lease_until IS NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_claim` ON `jobs` (`priority`,`run_at`,`id`,`kind`,`case_id`,`lease_until`) WHERE done_at IS NULL AND failed_at IS NULL;