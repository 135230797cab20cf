CREATE TABLE `consult_recipients` (
	`consult_id` integer NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`consult_id`) REFERENCES `consults`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consult_recipients_pk` ON `consult_recipients` (`consult_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `consult_recipients_user` ON `consult_recipients` (`user_id`);--> statement-breakpoint
CREATE TABLE `consult_teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`slack_usergroup_id` text,
	`slack_channel_id` text,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consult_teams_key_unique` ON `consult_teams` (`key`);--> statement-breakpoint
CREATE TABLE `consults` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`question` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`resume_status` text NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` integer,
	`ping_channel_id` text,
	`ping_ts` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `consult_teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consults_case` ON `consults` (`case_id`);--> statement-breakpoint
CREATE INDEX `consults_open_due` ON `consults` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`source` text NOT NULL,
	`link` text,
	`redacts_evidence_id` integer,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_case_seq` ON `evidence` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evidence_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`slack_file_id` text,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_files_sha` ON `evidence_files` (`sha256`);--> statement-breakpoint
CREATE INDEX `evidence_files_entry` ON `evidence_files` (`evidence_id`);--> statement-breakpoint
CREATE TABLE `mediation_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`summary` text NOT NULL,
	`offer_kind` text NOT NULL,
	`offer_amount_minor` integer,
	`offer_currency` text,
	`outcome` text NOT NULL,
	`logged_by` text NOT NULL,
	`logged_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mediation_case` ON `mediation_entries` (`case_id`);--> statement-breakpoint
CREATE TABLE `role_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`role` text,
	`previous_role` text,
	`changed_by` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `role_changes_user` ON `role_changes` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
