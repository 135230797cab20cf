import {
  MEDIATION_CHANNEL_LABELS,
  MEDIATION_CHANNELS,
  MEDIATION_CURRENCIES,
  MEDIATION_LIMITS,
  MEDIATION_OFFER_LABELS,
  MEDIATION_OFFERS,
  MEDIATION_OUTCOME_LABELS,
  MEDIATION_OUTCOMES,
  type MediationRaw,
  type MediationStep,
} from "../../core/mediation.ts";
import type { MediationForm } from "../../flows/mediation/logMediation.ts";
import { CALLBACK, MEDIATION_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type Block, LIMITS, type ModalView, type Option, option, plain, section } from "./blocks.ts";
import { caseHeadline } from "./caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "./inputs.ts";

// Each block id is the name of the field its errors are reported under.
const BLOCK: { readonly [K in keyof MediationRaw]: K } = MEDIATION_BLOCK;

const options = <T extends string>(values: readonly T[], label: (value: T) => string): Option[] =>
  values.map((value) => option(label(value), value));

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

function checklistBlock(steps: readonly MediationStep[]): Block[] {
  if (steps.length === 0) return [];
  const lines = steps.map((s) => `${s.done ? ":white_check_mark:" : ":white_circle:"} ${s.step}`);
  return [section(`*Mediation first* (before any sanction)\n${lines.join("\n")}`)];
}

/** The "Log mediation" form: one contact with a party, and any offer and its outcome. */
export function buildMediationModal(form: MediationForm): ModalView {
  const { record } = form;
  const offerOptions = options(MEDIATION_OFFERS, (o) => MEDIATION_OFFER_LABELS[o]);
  const currencyOptions = options(MEDIATION_CURRENCIES, (c) => c);
  const outcomeOptions = options(MEDIATION_OUTCOMES, (o) => MEDIATION_OUTCOME_LABELS[o]);
  return {
    type: "modal" as const,
    callback_id: CALLBACK.mediation,
    private_metadata: writeCaseMetadata(record),
    title: plain("Log mediation", 24),
    submit: plain("Log", 24),
    close: plain("Cancel", 24),
    blocks: [
      section(`*${caseHeadline(record)}*`),
      ...checklistBlock(form.checklist),
      inputBlock(BLOCK.party, "Party contacted", staticSelect("Who was contacted", partyOptions(form.parties))),
      inputBlock(
        BLOCK.channel,
        "Channel",
        staticSelect(
          "How",
          options(MEDIATION_CHANNELS, (c) => MEDIATION_CHANNEL_LABELS[c]),
        ),
      ),
      inputBlock(
        BLOCK.summary,
        "Summary",
        textInput("What was said and agreed: facts only", MEDIATION_LIMITS.summaryMax, true),
      ),
      inputBlock(BLOCK.offer, "Offer", staticSelect("Offer made", offerOptions, offerOptions[0])),
      inputBlock(BLOCK.amount, "Amount", textInput("e.g. 120.50", 16), {
        optional: true,
        hint: "Required for a refund or a partial credit; at most 1,000,000.00.",
      }),
      inputBlock(BLOCK.currency, "Currency", staticSelect("Currency", currencyOptions, currencyOptions[0])),
      inputBlock(BLOCK.outcome, "Outcome", staticSelect("Where it stands", outcomeOptions, outcomeOptions[0])),
    ],
  };
}
