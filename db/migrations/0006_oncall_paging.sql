CREATE TABLE `business_calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL,
	`weekly_hours` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`calendar_id` text NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`calendar_id`) REFERENCES `business_calendars`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_calendar_date` ON `holidays` (`calendar_id`,`date`);--> statement-breakpoint
CREATE TABLE `oncall_layers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`time_zone` text NOT NULL,
	`window_kind` text NOT NULL,
	`window_from` text,
	`window_to` text,
	`users` text NOT NULL,
	`starts_at` integer NOT NULL,
	`length_hours` integer NOT NULL,
	`handoff_time` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	`removed_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oncall_layers_live_name` ON `oncall_layers` (`name`) WHERE removed_at IS NULL;--> statement-breakpoint
CREATE TABLE `oncall_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`replaces` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	`cancelled_by` text
);
--> statement-breakpoint
CREATE INDEX `oncall_overrides_ends` ON `oncall_overrides` (`ends_at`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`requested_by` text NOT NULL,
	`primary_user` text,
	`secondary_user` text,
	`ack_minutes` integer NOT NULL,
	`status` text NOT NULL,
	`step` text NOT NULL,
	`step_at` integer,
	`acked_by` text,
	`acked_at` integer,
	`created_at` integer NOT NULL,
	`dedupe_key` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_dedupe_key_unique` ON `pages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `pages_case` ON `pages` (`case_id`);--> statement-breakpoint
CREATE INDEX `pages_status` ON `pages` (`status`);--> statement-breakpoint
CREATE TABLE `sla_watch` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`risk_at` integer,
	`due_at` integer,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sla_watch_risk` ON `sla_watch` (`risk_at`);