import type { MediationForm } from "../../flows/mediation/logMediation.ts";
import { LIMITS, type Option, option } from "./blocks.ts";

/** A party of the case as the mediation and sanction forms list it. */
type FormParty = MediationForm["parties"][number];

/** "Reporter · customer cus_48213": the option value is the account id, one option per account, at most 100. */
export function partyOptions(parties: readonly FormParty[]): Option[] {
  const seen = new Set<number>();
  return parties
    .filter((p) => !seen.has(p.account.id) && seen.add(p.account.id))
    .slice(0, LIMITS.selectOptions)
    .map((p) => {
      const role = p.partyRole.charAt(0).toUpperCase() + p.partyRole.slice(1);
      return option(`${role} · ${p.account.role} ${p.account.accountRef}`, String(p.account.id));
    });
}
