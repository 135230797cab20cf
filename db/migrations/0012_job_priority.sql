ALTER TABLE `jobs` ADD `priority` integer DEFAULT 4 NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_claim` ON `jobs` (`priority`,`run_at`) WHERE done_at IS NULL AND failed_at IS NULL;