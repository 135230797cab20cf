CREATE TABLE `readiness_heartbeat` (
	`id` integer PRIMARY KEY NOT NULL,
	`written_at` integer NOT NULL
);
