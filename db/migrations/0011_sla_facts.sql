CREATE TABLE `sla_facts` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`facts` text NOT NULL,
	`through_seq` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Fills the clock facts of every existing case from its whole timeline, as slaFactsOfEvent reads each event (src/core/slaFacts.ts); the next event of a case compacts them.
INSERT INTO `sla_facts` (`case_id`, `facts`, `through_seq`)
SELECT `case_id`, json_group_array(json(`fact`) ORDER BY `seq`, `n`), max(`seq`)
FROM (
	SELECT `case_id`, `seq`, 0 AS `n`, json_object('at', `at`, 'kind', CASE `kind` WHEN 'case_opened' THEN 'opened' WHEN 'mediation_logged' THEN 'party_contact' ELSE 'decision' END) AS `fact`
	FROM `case_events` WHERE `kind` IN ('case_opened', 'mediation_logged', 'decision_recorded')
	UNION ALL
	SELECT `case_id`, `seq`, 1, json_object('at', `at`, 'kind', 'status', 'status', json_extract(`payload`, '$.status.to'))
	FROM `case_events` WHERE json_type(`payload`, '$.status.to') = 'text' AND json_extract(`payload`, '$.status.to') IN ('new', 'triage', 'investigating', 'waiting_reporter', 'waiting_respondent', 'waiting_consult', 'decision', 'resolved', 'closed', 'appealed', 'merged')
	UNION ALL
	SELECT `case_id`, `seq`, 2, json_object('at', `at`, 'kind', 'resolved')
	FROM `case_events` WHERE json_type(`payload`, '$.status.to') = 'text' AND json_extract(`payload`, '$.status.to') IN ('resolved', 'closed', 'merged')
)
GROUP BY `case_id`;
