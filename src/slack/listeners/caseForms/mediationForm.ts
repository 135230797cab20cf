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
} from "../../../core/mediation.ts";
import { logMediation, type MediationForm, mediationForm } from "../../../flows/mediation/logMediation.ts";
import { type Block, type ModalView, type Option, option, plain, section } from "../../views/blocks.ts";
import { caseHeadline } from "../../views/caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "../../views/inputs.ts";
import { partyOptions } from "../../views/partyOptions.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

const CALLBACK_ID = "mediation_log";

export const MEDIATION_BLOCK = {
  party: "party",
  channel: "channel",
  summary: "summary",
  offer: "offer",
  amount: "amount",
  currency: "currency",
  outcome: "outcome",
} as const;

// Each block id is the name of the field its errors are reported under.
const BLOCK: { readonly [K in keyof MediationRaw]: K } = MEDIATION_BLOCK;

const options = <T extends string>(values: readonly T[], label: (value: T) => string): Option[] =>
  values.map((value) => option(label(value), value));

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
    callback_id: CALLBACK_ID,
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

/** Log a contact, offer or outcome with a party. */
export const MEDIATION_FORM = {
  permission: "mediation.log",
  button: { label: "Log mediation", actionId: "log_mediation" },
  command: { usage: "mediate [TS-2026-0042]", summary: "log a contact, offer or outcome with a party (form)" },
  callbackId: CALLBACK_ID,
  build: (deps, record) => buildMediationModal(mediationForm(deps, record)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    const field = (blockId: string) => readText(values, blockId);
    logMediation(deps, {
      userId,
      caseId,
      viewId,
      raw: {
        party: field(MEDIATION_BLOCK.party),
        channel: field(MEDIATION_BLOCK.channel),
        summary: field(MEDIATION_BLOCK.summary),
        offer: field(MEDIATION_BLOCK.offer),
        amount: field(MEDIATION_BLOCK.amount),
        currency: field(MEDIATION_BLOCK.currency),
        outcome: field(MEDIATION_BLOCK.outcome),
      },
    });
    return undefined;
  },
  fallbackBlock: MEDIATION_BLOCK.party,
} satisfies CaseForm;
