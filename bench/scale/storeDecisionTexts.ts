import { rendererFingerprint } from "../../src/flows/sanctions/decisionTexts.ts";
import { storeMissingDecisionTexts } from "../../src/flows/sanctions/storeDecisionTexts.ts";
import { type Db, inTransaction } from "../../src/store/database.ts";
import { lastDecisionId } from "../../src/store/decisionExportTexts.ts";
import { recordDecisionTextsPassDone } from "./passesDone.ts";

const WINDOW = 5_000;

/**
 * What the bot's statements.store_texts pass leaves behind, written at once: every decision's export texts from the
 * current renderer, and the pass's first job done, so a bot started on the file does not walk every decision again
 * (a deployed bot walks them once, at the first start of a version that changes the texts). Returns how many
 * decisions' texts were written; those already current are left alone, so a second call writes none.
 */
export function storeEveryDecisionText(db: Db, now = Date.now()): number {
  const renderer = rendererFingerprint();
  const last = lastDecisionId(db);
  let written = 0;
  for (let afterId = 0; afterId < last; afterId += WINDOW) {
    written += inTransaction(db, (tx) =>
      storeMissingDecisionTexts(tx, { afterId, throughId: afterId + WINDOW, renderer }),
    );
  }
  recordDecisionTextsPassDone(db, renderer, now);
  return written;
}
