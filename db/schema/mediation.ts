import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  MEDIATION_CHANNELS,
  MEDIATION_CURRENCIES,
  MEDIATION_OFFERS,
  MEDIATION_OUTCOMES,
} from "../../src/core/mediation.ts";
import { accountRef, caseRef } from "./cases.ts";
import { rowId } from "./columns.ts";

/** Logged contacts with a party: channel, summary, any offer and where it stands. */
export const mediationEntries = sqliteTable(
  "mediation_entries",
  {
    id: rowId(),
    caseId: caseRef(),
    accountId: accountRef(),
    channel: text("channel", { enum: MEDIATION_CHANNELS }).notNull(),
    summary: text("summary").notNull(),
    offerKind: text("offer_kind", { enum: MEDIATION_OFFERS }).notNull(),
    offerAmountMinor: integer("offer_amount_minor"),
    offerCurrency: text("offer_currency", { enum: MEDIATION_CURRENCIES }),
    outcome: text("outcome", { enum: MEDIATION_OUTCOMES }).notNull(),
    loggedBy: text("logged_by").notNull(),
    loggedAt: integer("logged_at").notNull(),
  },
  (t) => [index("mediation_case").on(t.caseId), index("mediation_case_logged").on(t.caseId, t.loggedAt)],
);
export type MediationEntryRow = typeof mediationEntries.$inferSelect;
