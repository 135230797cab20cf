CREATE TABLE `decision_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by` text NOT NULL,
	`request_channel_id` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
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
CREATE UNIQUE INDEX `decision_exports_one_in_progress` ON `decision_exports` (`requested_by`,`request_channel_id`,`from_day`,`to_day`) WHERE "decision_exports"."finished_at" IS NULL;