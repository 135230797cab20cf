-- Full-text search over cases (SQLite FTS5; src/store/caseSearch.ts is the only reader). The rowid is cases.id.
-- Contentless: the index keeps no second copy of descriptions and party names, so redacting the case row is enough.
-- contentless_delete lets triggers delete a case's document by rowid (https://www.sqlite.org/fts5.html#contentless_delete_tables).
-- Triggers DELETE then INSERT, never INSERT OR REPLACE: inside an upsert (intake's account upsert) the REPLACE
-- keeps the old document's terms, so a renamed party would still be found by the old name.
-- tokenchars '_': an account ref (cus_48213) is one term with a short list of cases, not "cus" (half of all cases)
-- followed by a number; porter matches tools/tool, remove_diacritics matches Zoë/zoe.
CREATE VIRTUAL TABLE case_search USING fts5(
  human_id, title, description, parties, category,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2 tokenchars ''_'''
);
--> statement-breakpoint
-- Column weights for bm25 (same order as the columns): an id or title hit outranks a word deep in a description.
INSERT INTO case_search(case_search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 3.0, 2.0)');
--> statement-breakpoint
-- The one definition of what a case's search document holds; every trigger below and the backfill read it.
CREATE VIEW case_search_documents AS
SELECT
  c.id AS case_id,
  c.human_id,
  c.title,
  c.description,
  coalesce(
    (SELECT group_concat(a.account_ref || ' ' || a.display_name, ' ')
       FROM case_parties p JOIN accounts a ON a.id = p.account_id
      WHERE p.case_id = c.id),
    ''
  ) AS parties,
  c.category
FROM cases c;
--> statement-breakpoint
CREATE TRIGGER case_search_case_inserted AFTER INSERT ON cases
BEGIN
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents WHERE case_id = NEW.id;
END;
--> statement-breakpoint
-- Only the indexed columns: status and timestamp updates, by far the most frequent, leave the index alone.
CREATE TRIGGER case_search_case_updated AFTER UPDATE OF human_id, title, description, category ON cases
BEGIN
  DELETE FROM case_search WHERE rowid = NEW.id;
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents WHERE case_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER case_search_case_deleted AFTER DELETE ON cases
BEGIN
  DELETE FROM case_search WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER case_search_party_added AFTER INSERT ON case_parties
BEGIN
  DELETE FROM case_search WHERE rowid = NEW.case_id;
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER case_search_party_changed AFTER UPDATE ON case_parties
BEGIN
  DELETE FROM case_search WHERE rowid IN (OLD.case_id, NEW.case_id);
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents WHERE case_id IN (OLD.case_id, NEW.case_id);
END;
--> statement-breakpoint
CREATE TRIGGER case_search_party_removed AFTER DELETE ON case_parties
BEGIN
  DELETE FROM case_search WHERE rowid = OLD.case_id;
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents WHERE case_id = OLD.case_id;
END;
--> statement-breakpoint
-- Intake rewrites an account's display name on every case it is named in: reindex only when the text changed.
CREATE TRIGGER case_search_account_renamed AFTER UPDATE OF account_ref, display_name ON accounts
WHEN OLD.account_ref IS NOT NEW.account_ref OR OLD.display_name IS NOT NEW.display_name
BEGIN
  DELETE FROM case_search WHERE rowid IN (SELECT case_id FROM case_parties WHERE account_id = NEW.id);
  INSERT INTO case_search(rowid, human_id, title, description, parties, category)
    SELECT * FROM case_search_documents
     WHERE case_id IN (SELECT case_id FROM case_parties WHERE account_id = NEW.id);
END;
--> statement-breakpoint
-- An upgrade of a live database: index every case that exists before this migration.
INSERT INTO case_search(rowid, human_id, title, description, parties, category)
  SELECT * FROM case_search_documents;
