import { parseZendeskMapping, type ZendeskMappingRaw } from "../../core/zendeskMapping.ts";
import { inTransaction } from "../../store/database.ts";
import { currentZendeskMapping, insertZendeskMapping } from "../../store/zendesk.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";

/** A lead's new version of the ticket → case mapping; the versions before it stay, with who saved them and when. */
export function saveZendeskMapping(deps: FlowDeps, input: { actor: string; form: ZendeskMappingRaw }): number {
  const now = deps.clock.now();
  const version = inTransaction(deps.db, (tx) => {
    assertMay(tx, input.actor, "zendesk.manage");
    const mapping = parseZendeskMapping(input.form);
    const next = (currentZendeskMapping(tx)?.version ?? 0) + 1;
    return insertZendeskMapping(tx, { version: next, mapping, savedBy: input.actor, savedAt: now }).version;
  });
  deps.log.info({ version, actor: input.actor }, "zendesk mapping saved");
  return version;
}
