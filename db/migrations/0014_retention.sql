CREATE TABLE `case_event_redactions` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`sealed_payload` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `case_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `case_redactions` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`redacted_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` integer NOT NULL,
	`released_by` text,
	`released_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_holds_case` ON `legal_holds` (`case_id`,`released_at`);