import type { ZendeskTicketRow } from "../../../db/schema.ts";
import { NO_ZENDESK_MAPPING, type ZendeskMapping } from "../../core/zendeskMapping.ts";
import { inTransaction } from "../../store/database.ts";
import { currentZendeskMapping, recentIgnoredTickets } from "../../store/zendesk.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";

export interface ZendeskMappingView {
  mapping: ZendeskMapping;
  /** 0 before a lead has saved one: every ticket is ignored until then. */
  version: number;
  savedBy: string | null;
  savedAt: number | null;
  /** The latest tickets that opened no case, and why. */
  ignored: ZendeskTicketRow[];
}

const IGNORED_SHOWN = 10;

/** What the mapping form shows a lead: the mapping in force and the tickets it recently left out. */
export function loadZendeskMapping(deps: FlowDeps, actor: string): ZendeskMappingView {
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "zendesk.manage");
    const saved = currentZendeskMapping(tx);
    return {
      mapping: saved?.mapping ?? NO_ZENDESK_MAPPING,
      version: saved?.version ?? 0,
      savedBy: saved?.savedBy ?? null,
      savedAt: saved?.savedAt ?? null,
      ignored: recentIgnoredTickets(tx, IGNORED_SHOWN),
    };
  });
}
