-- Each decision's text in the export files, as the export copies it out (src/flows/sanctions/decisionTexts.ts):
-- derived from the decision, its case and its proposal, and written again when retention redacts the facts.
-- Filled for decisions recorded from now on; older ones are written by the statements.store_texts job after the
-- upgrade, and an export renders afresh any decision whose texts are not there yet.
CREATE TABLE `decision_export_texts` (
	`decision_id` integer PRIMARY KEY NOT NULL,
	`renderer` text NOT NULL,
	`json` blob NOT NULL,
	`csv` blob,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- A case's decisions were found by scanning them all (numbering the next decision, redacting facts).
CREATE INDEX `decisions_case` ON `decisions` (`case_id`);