/**
 * A case's contacts as their flows leave them: the automatic page of a SEV1 case and its acknowledgement,
 * consults sent to a team and answered, and mediation contacts with a party.
 */
import type { PartyRole } from "../../src/core/intake.ts";
import type { MediationOffer, MediationOutcome } from "../../src/core/mediation.ts";
import { pageAckMinutes } from "../../src/core/paging.ts";
import type { Severity } from "../../src/core/severity.ts";
import type { SeededRandom } from "../../test/support/seededRandom.ts";
import type { BulkWriter, CaseChain } from "./bulkWriter.ts";
import type { CasePlan, Party, Staff } from "./caseHistory.ts";

const DAY = 24 * 60 * 60_000;

/** The teams the migrations seed (row ids 1, 2, 3 in this order), with the user group each one is pinged at. */
export const CONSULT_TEAMS = [
  { key: "legal", name: "Legal", usergroup: "S0LEGAL01" },
  { key: "payments", name: "Payments", usergroup: "S0PAYMT01" },
  { key: "product", name: "Product", usergroup: "S0PRODT01" },
] as const;

const MEDIATION_OFFERS: ReadonlyArray<{ kind: MediationOffer; amountMinor: number | null }> = [
  { kind: "none", amountMinor: null },
  { kind: "refund", amountMinor: 12_000 },
  { kind: "partial_credit", amountMinor: 4_500 },
  { kind: "redo", amountMinor: null },
];
const MEDIATION_OUTCOMES: readonly MediationOutcome[] = ["agreement", "no_agreement", "pending"];

const dmOf = (userId: string) => `D${userId.slice(1)}`;
const tsOf = (at: number, n: number) => `${Math.floor(at / 1000)}.${String(n).padStart(6, "0")}`;

export interface ContactContext {
  w: BulkWriter;
  random: SeededRandom;
  staff: Staff;
  chain: CaseChain;
  caseId: number;
  owner: string;
  /** The case's clock: each call moves it on a little and returns the new instant. */
  step: () => number;
}

/** The intake's automatic page of a SEV1 case (pageOnIntake), acknowledged by the primary within minutes. */
export function writeIntakePage(ctx: ContactContext, severity: Severity): void {
  const { w, random, staff, chain, caseId } = ctx;
  const primary = random.pick(staff.specialists);
  const secondary = random.pick(staff.specialists);
  const at = ctx.step();
  const ackedAt = ctx.step();
  const pageId = w.page({
    case_id: caseId,
    trigger: "auto",
    requested_by: "UBOT",
    primary_user: primary,
    secondary_user: secondary,
    ack_minutes: pageAckMinutes(severity),
    status: "acknowledged",
    step: "primary",
    step_at: at,
    acked_by: primary,
    acked_at: ackedAt,
    created_at: at,
    dedupe_key: `auto:${caseId}`,
  });
  const message = { channel: dmOf(primary), ts: tsOf(at, 500) };
  chain.append(at, "UBOT", "page_sent", {
    pageId,
    step: "primary",
    to: primary,
    trigger: "auto",
    requestedBy: "UBOT",
    message,
  });
  chain.append(ackedAt, primary, "page_acknowledged", {
    pageId,
    step: "primary",
    afterSeconds: Math.round((ackedAt - at) / 1000),
  });
}

/** A consult (requestConsult), its ping to the team's consultant, and the answer unless it is still open. */
export function writeConsult(ctx: ContactContext, answered: boolean): void {
  const { w, random, staff, chain, caseId, owner } = ctx;
  const teamIndex = random.int(CONSULT_TEAMS.length);
  const team = CONSULT_TEAMS[teamIndex] ?? CONSULT_TEAMS[0];
  const consultant = staff.consultants[teamIndex % staff.consultants.length] ?? "";
  const question = `Does the ${team.name} team see a problem with the amounts and messages on file?`;
  const at = ctx.step();
  const sentAt = ctx.step();
  const answeredAt = answered ? ctx.step() : null;
  const dueAt = at + 2 * DAY;
  const answer = "Nothing blocking from our side; details are in the linked ticket.";
  const ping = { channel: dmOf(consultant), ts: tsOf(at, 600) };
  const consultId = w.consult({
    case_id: caseId,
    team_id: teamIndex + 1,
    question,
    due_at: dueAt,
    status: answered ? "answered" : "open",
    requested_by: owner,
    requested_at: at,
    resume_status: "investigating",
    answer: answered ? answer : null,
    answered_by: answered ? consultant : null,
    answered_at: answeredAt,
    ping_channel_id: ping.channel,
    ping_ts: ping.ts,
  });
  w.consultRecipient({ consult_id: consultId, user_id: consultant });
  chain.append(at, owner, "consult_requested", {
    consultId,
    team: team.key,
    question,
    dueAt,
    viewId: `VCONS${consultId}`,
    status: { from: "investigating", to: "waiting_consult" },
  });
  chain.append(sentAt, "UBOT", "consult_sent", {
    consultId,
    team: team.key,
    via: "dm",
    recipients: [consultant],
    messages: [ping],
  });
  if (answeredAt === null) {
    // The case waits on the consult, as requestConsult moved it.
    w.caseStatus({ id: caseId, status: "waiting_consult" });
    return;
  }
  chain.append(answeredAt, consultant, "consult_answered", {
    consultId,
    team: team.key,
    answer,
    status: { from: "waiting_consult", to: "investigating" },
  });
}

/** One logged contact with a party (logMediation): a call or email, any offer, where it stands. */
export function writeMediation(ctx: ContactContext, party: Party, partyRole: PartyRole): void {
  const { w, random, chain, caseId, owner } = ctx;
  const channel = random.pick(["phone", "email", "in_app"] as const);
  const offer = random.pick(MEDIATION_OFFERS);
  const outcome = random.pick(MEDIATION_OUTCOMES);
  const currency = offer.amountMinor === null ? null : "USD";
  const at = ctx.step();
  const summary = `Spoke with the ${party.role === "pro" ? "pro" : "customer"} about the job and what would settle it.`;
  const entryId = w.mediation({
    case_id: caseId,
    account_id: party.accountId,
    channel,
    summary,
    offer_kind: offer.kind,
    offer_amount_minor: offer.amountMinor,
    offer_currency: currency,
    outcome,
    logged_by: owner,
    logged_at: at,
  });
  chain.append(at, owner, "mediation_logged", {
    entryId,
    viewId: `VMED${entryId}`,
    party: { role: partyRole, accountRef: party.accountRef, accountRole: party.role },
    channel,
    summary,
    offer: { kind: offer.kind, amountMinor: offer.amountMinor, currency },
    outcome,
  });
}

/**
 * Consults on about a fifth of the cases and mediation on about a third: the timelines the issue measured had
 * them, so they are written even where they take a case past its share of events (the filler after them
 * shrinks, and later cases' filler makes up the rest where it can).
 */
export function writeContacts(ctx: ContactContext, plan: CasePlan): void {
  if (ctx.random.next() < 0.2) {
    const answered = !plan.open || ctx.random.next() < 0.7;
    writeConsult(ctx, answered);
    // An open consult holds the case in waiting_consult: nothing else is logged on it meanwhile.
    if (!answered) return;
  }
  if (ctx.random.next() < 0.3) {
    const toReporter = ctx.random.next() < 0.5;
    writeMediation(ctx, toReporter ? plan.reporter : plan.respondent, toReporter ? "reporter" : "respondent");
  }
}
