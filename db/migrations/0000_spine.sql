CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_ref` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_role_ref` ON `accounts` (`role`,`account_ref`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_case_seq` ON `case_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `case_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`party_role` text NOT NULL,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_parties_unique` ON `case_parties` (`case_id`,`account_id`,`party_role`);--> statement-breakpoint
CREATE INDEX `case_parties_account` ON `case_parties` (`account_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`human_id` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`category` text NOT NULL,
	`category_version` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`source` text NOT NULL,
	`occurred_at` integer,
	`zendesk_ticket` text,
	`owner_id` text,
	`created_by` text NOT NULL,
	`channel_id` text,
	`channel_name` text,
	`summary_ts` text,
	`triage_ts` text,
	`war_room_requested_at` integer,
	`war_room_requested_by` text,
	`intake_view_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_human_id_unique` ON `cases` (`human_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_intake_view_id_unique` ON `cases` (`intake_view_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_year_seq` ON `cases` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `cases_status_created` ON `cases` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_channel` ON `cases` (`channel_id`);--> statement-breakpoint
CREATE INDEX `cases_zendesk_ticket` ON `cases` (`zendesk_ticket`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`case_id` integer,
	`idempotency_key` text NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`lease_until` integer,
	`leased_by` text,
	`last_error` text,
	`done_at` integer,
	`failed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key_unique` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_due` ON `jobs` (`run_at`) WHERE done_at IS NULL AND failed_at IS NULL;--> statement-breakpoint
CREATE INDEX `jobs_case` ON `jobs` (`case_id`);--> statement-breakpoint
CREATE TABLE `processed_slack_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
