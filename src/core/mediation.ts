import { categoryById } from "./categories.ts";
import { DomainError } from "./domainError.ts";
import { cleanText } from "./text.ts";

/** Mediation between pro and customer (DESIGN §3): contacts, offers and where they stand. */

export const MEDIATION_CHANNELS = ["phone", "email", "in_app"] as const;
export type MediationChannel = (typeof MEDIATION_CHANNELS)[number];

export const MEDIATION_OFFERS = ["none", "refund", "redo", "partial_credit"] as const;
export type MediationOffer = (typeof MEDIATION_OFFERS)[number];

export const MEDIATION_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD"] as const;
export type MediationCurrency = (typeof MEDIATION_CURRENCIES)[number];

export const MEDIATION_OUTCOMES = ["pending", "agreement", "no_agreement", "withdrawn"] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export const MEDIATION_CHANNEL_LABELS: Readonly<Record<MediationChannel, string>> = {
  phone: "Phone",
  email: "Email",
  in_app: "In-app message",
};

export const MEDIATION_OFFER_LABELS: Readonly<Record<MediationOffer, string>> = {
  none: "No offer",
  refund: "Refund",
  redo: "Re-do the job",
  partial_credit: "Partial credit",
};

export const MEDIATION_OUTCOME_LABELS: Readonly<Record<MediationOutcome, string>> = {
  pending: "Pending",
  agreement: "Agreement",
  no_agreement: "No agreement",
  withdrawn: "Withdrawn",
};

/** Offers that are money and so carry an amount. */
const MONETARY_OFFERS: ReadonlySet<MediationOffer> = new Set(["refund", "partial_credit"]);

// Every currency offered has two decimals (ISO 4217), so amounts are kept in cents.
export const MEDIATION_LIMITS = {
  summaryMax: 2000,
  /** 1,000,000.00 */
  amountMaxMinor: 100_000_000,
} as const;

/** What the mediation form sent, every field possibly missing. Field names are the modal's block ids. */
export interface MediationRaw {
  party: string | null;
  channel: string | null;
  summary: string | null;
  offer: string | null;
  amount: string | null;
  currency: string | null;
  outcome: string | null;
}

export interface MediationDraft {
  accountId: number;
  channel: MediationChannel;
  summary: string;
  offer: MediationOffer;
  amountMinor: number | null;
  currency: MediationCurrency | null;
  outcome: MediationOutcome;
}

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

// Digits with an optional dot and one or two decimals; thousands commas only in groups of three, so
// "12,5" (a decimal comma) is refused rather than read as 125.
const AMOUNT = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$/;

/** An amount as typed ("1,250.5") in minor units (125050), or a message saying what is wrong. */
export function parseAmountMinor(text: string): { minor: number } | { error: string } {
  const typed = text.trim();
  if (/^-\s*\d/.test(typed)) return { error: "The amount must be more than 0." };
  if (!AMOUNT.test(typed)) return { error: "Enter an amount like 120 or 120.50: digits, at most two decimals." };
  const [whole = "", fraction = ""] = typed.replace(/,/g, "").split(".");
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (minor <= 0) return { error: "The amount must be more than 0." };
  if (minor > MEDIATION_LIMITS.amountMaxMinor) return { error: "An offer is at most 1,000,000.00." };
  return { minor };
}

/**
 * Checks a mediation entry against the case's parties (their account ids); reports every bad field at
 * once. A refund or partial credit needs an amount; no offer and a re-do have none.
 */
export function validateMediation(raw: MediationRaw, partyAccountIds: readonly number[]): MediationDraft {
  const errors: Record<string, string> = {};

  const accountId = partyAccountIds.find((id) => String(id) === raw.party);
  if (accountId === undefined) {
    errors.party = raw.party ? "That party is not on this case any more; pick another." : "Pick who was contacted.";
  }
  const channel = pick(MEDIATION_CHANNELS, raw.channel);
  if (!channel) errors.channel = "How were they contacted?";

  const summary = cleanText(raw.summary);
  if (summary === "") errors.summary = "Summarise the contact.";
  else if (summary.length > MEDIATION_LIMITS.summaryMax) {
    errors.summary = `Keep the summary to ${MEDIATION_LIMITS.summaryMax} characters or fewer.`;
  }

  const offer = pick(MEDIATION_OFFERS, raw.offer ?? "none");
  if (!offer) errors.offer = "Pick an offer from the list.";
  const amountText = (raw.amount ?? "").trim();
  let amountMinor: number | null = null;
  if (offer && MONETARY_OFFERS.has(offer)) {
    const parsed =
      amountText === ""
        ? { error: `A ${MEDIATION_OFFER_LABELS[offer].toLowerCase()} needs an amount.` }
        : parseAmountMinor(amountText);
    if ("error" in parsed) errors.amount = parsed.error;
    else amountMinor = parsed.minor;
  } else if (offer && amountText !== "") {
    errors.amount = "Only a refund or a partial credit has an amount; leave it empty.";
  }
  const currency = pick(MEDIATION_CURRENCIES, raw.currency ?? "USD");
  if (!currency) errors.currency = "Pick a currency from the list.";

  const outcome = pick(MEDIATION_OUTCOMES, raw.outcome ?? "pending");
  if (!outcome) errors.outcome = "Pick an outcome from the list.";

  if (Object.keys(errors).length > 0 || accountId === undefined || !channel || !offer || !currency || !outcome) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return {
    accountId,
    channel,
    summary,
    offer,
    amountMinor,
    currency: amountMinor === null ? null : currency,
    outcome,
  };
}

/** What the checklist needs of each logged entry. */
export interface MediationProgress {
  partyRole: string | null;
  offerKind: string;
  outcome: string;
}

export interface MediationStep {
  step: string;
  done: boolean;
}

const CHECKLIST: ReadonlyArray<{ step: string; doneBy: (entry: MediationProgress) => boolean }> = [
  { step: "Contact the reporter", doneBy: (e) => e.partyRole === "reporter" },
  { step: "Contact the respondent", doneBy: (e) => e.partyRole === "respondent" },
  { step: "Make an offer", doneBy: (e) => e.offerKind !== "none" },
  { step: "Record the outcome", doneBy: (e) => e.outcome !== "pending" },
];

/**
 * The steps a mediation-first case (a Guarantee claim) goes through before any sanction; empty for
 * every other category.
 */
export function mediationChecklist(category: string, entries: readonly MediationProgress[]): MediationStep[] {
  if (!categoryById(category)?.mediationFirst) return [];
  return CHECKLIST.map(({ step, doneBy }) => ({ step, done: entries.some(doneBy) }));
}
