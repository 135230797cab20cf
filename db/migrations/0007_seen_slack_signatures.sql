CREATE TABLE `seen_slack_signatures` (
	`signature` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `seen_slack_signatures_expires` ON `seen_slack_signatures` (`expires_at`);