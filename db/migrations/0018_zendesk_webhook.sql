CREATE TABLE `zendesk_deliveries` (
	`event_id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`event_type` text NOT NULL,
	`outcome` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `zendesk_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`mapping` text NOT NULL,
	`saved_by` text NOT NULL,
	`saved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zendesk_mappings_version_unique` ON `zendesk_mappings` (`version`);--> statement-breakpoint
CREATE TABLE `zendesk_tickets` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`case_id` integer,
	`outcome` text NOT NULL,
	`ignored_reason` text,
	`mapping_version` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zendesk_tickets_case_id_unique` ON `zendesk_tickets` (`case_id`);--> statement-breakpoint
CREATE INDEX `zendesk_tickets_outcome_updated` ON `zendesk_tickets` (`outcome`,`updated_at`);