import { rendererFingerprint, storeRenderedDecisions } from "../../src/flows/sanctions/decisionTexts.ts";
import { type Db, inTransaction } from "../../src/store/database.ts";
import { decisionSourcesLackingTexts, lastDecisionId } from "../../src/store/decisionExportTexts.ts";

const WINDOW = 5_000;

/**
 * What the bot's statements.store_texts pass leaves behind, written at once: every decision's export texts from the
 * current renderer (a deployed bot has them once the pass after its upgrade is through). Returns how many were
 * written; decisions whose texts are current are left alone, so a second call writes none.
 */
export function storeEveryDecisionText(db: Db): number {
  const renderer = rendererFingerprint();
  const last = lastDecisionId(db);
  let written = 0;
  for (let afterId = 0; afterId < last; afterId += WINDOW) {
    inTransaction(db, (tx) => {
      const stale = decisionSourcesLackingTexts(tx, { afterId, throughId: afterId + WINDOW, renderer });
      storeRenderedDecisions(tx, stale);
      written += stale.length;
    });
  }
  return written;
}
