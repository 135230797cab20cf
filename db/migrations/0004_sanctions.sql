CREATE TABLE `appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`decision_id` integer NOT NULL,
	`grounds` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`reviewer` text,
	`outcome` text,
	`rationale` text,
	`decided_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appeals_decision` ON `appeals` (`decision_id`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`proposal_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`rung` text NOT NULL,
	`puid` text NOT NULL,
	`statement` text NOT NULL,
	`supersedes_decision_id` integer,
	`decided_at` integer NOT NULL,
	`applies_from` integer NOT NULL,
	`applies_until` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `sanction_proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_puid_unique` ON `decisions` (`puid`);--> statement-breakpoint
CREATE INDEX `decisions_account` ON `decisions` (`account_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `decisions_decided` ON `decisions` (`decided_at`);--> statement-breakpoint
CREATE TABLE `interim_suspensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`reason` text NOT NULL,
	`applied_by` text NOT NULL,
	`applied_at` integer NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interim_case` ON `interim_suspensions` (`case_id`);--> statement-breakpoint
CREATE TABLE `sanction_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`account_id` integer NOT NULL,
	`rung` text NOT NULL,
	`clauses` text NOT NULL,
	`facts` text NOT NULL,
	`evidence_ids` text NOT NULL,
	`guarantee_claim` integer NOT NULL,
	`legal_flag` integer NOT NULL,
	`appeal_id` integer,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`decided_at` integer,
	`request_view_id` text,
	`message_channel_id` text,
	`message_ts` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sanction_proposals_request_view_id_unique` ON `sanction_proposals` (`request_view_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sanction_proposals_case_seq` ON `sanction_proposals` (`case_id`,`seq`);--> statement-breakpoint
CREATE INDEX `sanction_proposals_status` ON `sanction_proposals` (`status`);--> statement-breakpoint
CREATE TABLE `sanction_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`voter` text NOT NULL,
	`choice` text NOT NULL,
	`rationale` text NOT NULL,
	`voter_is_lead` integer NOT NULL,
	`voter_is_legal` integer NOT NULL,
	`cast_at` integer NOT NULL,
	`view_id` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `sanction_proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sanction_votes_view_id_unique` ON `sanction_votes` (`view_id`);--> statement-breakpoint
CREATE INDEX `sanction_votes_proposal` ON `sanction_votes` (`proposal_id`);