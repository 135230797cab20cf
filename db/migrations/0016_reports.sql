CREATE TABLE `report_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_key` text,
	`period` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`time_zone` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer NOT NULL,
	`category` text,
	`requested_by` text,
	`request_channel_id` text NOT NULL,
	`requested_at` integer NOT NULL,
	`progress_channel_id` text,
	`progress_ts` text,
	`uploaded_at` integer,
	`uploaded_file_ids` text,
	`finished_at` integer,
	`outcome` text,
	`failure` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_runs_schedule_key_unique` ON `report_runs` (`schedule_key`);--> statement-breakpoint
CREATE INDEX `pages_created` ON `pages` (`created_at`);--> statement-breakpoint
CREATE INDEX `appeals_opened` ON `appeals` (`opened_at`);--> statement-breakpoint
CREATE INDEX `appeals_decided` ON `appeals` (`decided_at`);