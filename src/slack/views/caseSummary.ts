import type { CaseRow } from "../../../db/schema.ts";
import { categoryById } from "../../core/categories.ts";
import { CASE_SOURCE_LABELS } from "../../core/intake.ts";
import { type CaseStatus, statusLabel } from "../../core/lifecycle.ts";
import { MEDIATION_OFFER_LABELS, type MediationOffer } from "../../core/mediation.ts";
import { SANCTION_RUNGS, STRIKE_WINDOW_MONTHS } from "../../core/sanctions.ts";
import { parseSeverity, severityPolicy } from "../../core/severity.ts";
import type { CaseSnapshot, PartySnapshot } from "../../flows/cases/loadCaseSnapshot.ts";
import { ACTION, BLOCK, COMMAND } from "../ids.ts";
import { actions, type Block, button, capBlocks, context, fields, header, LIMITS, section } from "./blocks.ts";
import { jobLabel, jobRefuser } from "./jobLabel.ts";
import { channelLink, mention, slackDate, userText } from "./mrkdwn.ts";
import { slaSection } from "./slaMessages.ts";

export const severityLabel = (severity: string) => {
  const s = parseSeverity(severity);
  return s ? severityPolicy(s).label : severity.toUpperCase();
};
export const categoryLabel = (category: string) => categoryById(category)?.label ?? category;
export const caseStatusLabel = (status: CaseStatus) => statusLabel(status);

/** Plain notification text: ids and labels only, never user text. */
export function caseHeadline(record: CaseRow): string {
  return `${record.humanId} · ${severityLabel(record.severity)} · ${categoryLabel(record.category)}`;
}

/** The ticket as `#123`, a link into Zendesk when the desk knows its subdomain. */
function zendeskTicketRef(snapshot: CaseSnapshot): string | null {
  const ticket = snapshot.record.zendeskTicket;
  if (!ticket) return null;
  return snapshot.zendeskTicketUrl ? `<${snapshot.zendeskTicketUrl}|#${ticket}>` : `#${ticket}`;
}

/** "by @someone", or for a case the Zendesk webhook opened, the ticket it came from. */
function openedBy(snapshot: CaseSnapshot): string {
  const c = snapshot.record;
  const ticket = zendeskTicketRef(snapshot);
  return c.source === "zendesk" && ticket && c.intakeViewId === null
    ? `from Zendesk ticket ${ticket}`
    : `by ${mention(c.createdBy)}`;
}

/** A DM to the case's opener about a side effect Slack (or Zendesk) refused for good (`error` is its error code). */
export function failureNotice(record: CaseRow, jobKind: string, error: string): string {
  const { service, check } = jobRefuser(jobKind);
  return (
    `:warning: ${caseHeadline(record)} is recorded, but ${service} refused ${jobLabel(jobKind)}: ` +
    `\`${userText(error, 200)}\`. Ask an admin to check ${check}. ` +
    `\`${COMMAND} status ${record.humanId}\` shows the case meanwhile.`
  );
}

/**
 * One party and their account history: each prior case with its outcome (its status, until cases
 * carry decisions). priorCasesOfAccount stops at 5, so 5 means "5 or more".
 */
export function accountHistoryLine(p: PartySnapshot): string {
  const role = p.partyRole.charAt(0).toUpperCase() + p.partyRole.slice(1);
  const who = `${userText(p.account.displayName, 80)} (${p.account.role} \`${userText(p.account.accountRef, 64)}\`)`;
  const history =
    p.priorCases.length === 0
      ? "no prior cases"
      : `${p.priorCases.length === 5 ? "5+" : p.priorCases.length} prior: ${p.priorCases
          .map((c) => `${c.humanId} ${categoryLabel(c.category)} (${caseStatusLabel(c.status).toLowerCase()})`)
          .join(", ")}`;
  const flag = p.strikes.repeatOffender
    ? ` · :warning: repeat offender: ${p.strikes.strikes} strikes in ${STRIKE_WINDOW_MONTHS} months`
    : "";
  return `*${role}:* ${who} · ${history}${flag}`;
}

/** A button on the case summary that opens a form on the case; its value is the case's human id. */
export interface CaseButton {
  label: string;
  actionId: string;
  style?: "danger";
}

/** The live case summary: pinned in the war room, or the triage-thread parent for SEV3/4 cases. */
export function buildCaseSummary(
  snapshot: CaseSnapshot,
  options: { offerWarRoom: boolean; workButtons?: readonly CaseButton[] },
): Block[] {
  const c = snapshot.record;
  const blocks: Block[] = [
    header(caseHeadline(c)),
    fields([
      ["Status", caseStatusLabel(c.status)],
      ["Severity", severityLabel(c.severity)],
      ["Category", categoryLabel(c.category)],
      ["Reported through", CASE_SOURCE_LABELS[c.source] ?? c.source],
      ["Owner", c.ownerId ? mention(c.ownerId) : "Unassigned"],
      ["Opened", `${slackDate(c.createdAt)} ${openedBy(snapshot)}`],
      ["Occurred", c.occurredAt ? slackDate(c.occurredAt) : "Not given"],
      ["Zendesk ticket", zendeskTicketRef(snapshot) ?? "None"],
    ]),
    section(`*${userText(c.title, 200)}*\n${userText(c.description, LIMITS.sectionText - 300)}`),
    slaSection(snapshot.sla, c.status, snapshot.now),
  ];
  if (snapshot.parties.length > 0) {
    blocks.push(section(snapshot.parties.map(accountHistoryLine).join("\n")));
  }
  if (snapshot.interim.length > 0) blocks.push(section(interimLines(snapshot.interim)));
  const hold = snapshot.legalHold;
  if (hold) {
    blocks.push(
      section(
        `:lock: *Legal hold* since ${slackDate(hold.placedAt)} by ${mention(hold.placedBy)}: ${userText(hold.reason, 300)}. Retention will not redact this case until a lead releases it.`,
      ),
    );
  }
  if (snapshot.consults.length > 0) blocks.push(section(consultLines(snapshot.consults)));
  if (snapshot.checklist.length > 0) blocks.push(section(checklistLines(snapshot.checklist)));
  if (snapshot.mediation.length > 0) blocks.push(section(mediationLines(snapshot.mediation)));
  if (snapshot.proposals.length > 0) blocks.push(section(proposalLines(snapshot.proposals)));
  for (const problem of snapshot.problems) {
    blocks.push(
      section(
        `:warning: ${jobRefuser(problem.jobKind).service} refused ${jobLabel(problem.jobKind)}: \`${userText(problem.error, 200)}\` (${slackDate(problem.at)}). An admin should check ${jobRefuser(problem.jobKind).check}.`,
      ),
    );
  }
  if (c.channelId && !options.offerWarRoom) {
    blocks.push(context(`War room: ${channelLink(c.channelId)}`));
  }
  const buttons = [
    ...(options.offerWarRoom ? [button("Open war room", ACTION.openWarRoom, c.humanId, "primary")] : []),
    ...(options.workButtons ?? []).map((b) => button(b.label, b.actionId, c.humanId, b.style)),
  ];
  if (buttons.length > 0) blocks.push(actions(BLOCK.caseActions, buttons));
  blocks.push(
    context(
      `${snapshot.evidenceCount} evidence items · ${snapshot.eventCount} timeline events · case record ${c.humanId}`,
    ),
  );
  return capBlocks(blocks, LIMITS.blocksPerMessage);
}

function interimLines(interim: CaseSnapshot["interim"]): string {
  const lines = interim.map(
    (s) =>
      `:red_circle: *\`${userText(s.accountRef, 64)}\` suspended in the interim* since ${slackDate(s.appliedAt)} by ${mention(s.appliedBy)}: ${userText(s.reason, 300)}`,
  );
  return `${lines.join("\n")}\n_A decision must confirm or lift it._`;
}

function consultLines(consults: CaseSnapshot["consults"]): string {
  const lines = consults.map((k) => {
    const state =
      k.status === "open"
        ? `${k.overdue ? ":red_circle: *overdue*, was due" : "due"} ${slackDate(k.dueAt)}`
        : `${k.status}${k.answeredAt ? ` ${slackDate(k.answeredAt)}` : ""}`;
    return `• *${userText(k.teamName, 40)}* (${state}): ${userText(k.question, 150)}`;
  });
  return `*Consults*\n${lines.join("\n")}`;
}

function checklistLines(steps: CaseSnapshot["checklist"]): string {
  const lines = steps.map((s) => `${s.done ? ":white_check_mark:" : ":white_large_square:"} ${s.step}`);
  return `*Mediation first* (property damage: mediate before any sanction)\n${lines.join("\n")}`;
}

const offerLabel = (kind: MediationOffer) => MEDIATION_OFFER_LABELS[kind].toLowerCase();

function mediationLines(entries: CaseSnapshot["mediation"]): string {
  const lines = entries.map((m) => {
    const amount =
      m.offerAmountMinor !== null && m.offerCurrency
        ? ` ${(m.offerAmountMinor / 100).toFixed(2)} ${m.offerCurrency}`
        : "";
    return `• ${slackDate(m.loggedAt)} · ${m.partyRole ?? "party"} \`${userText(m.accountRef, 64)}\` by ${m.channel.replace("_", "-")} · ${offerLabel(m.offerKind)}${amount} · *${m.outcome.replace(/_/g, " ")}*`;
  });
  return `*Mediation* (latest first)\n${lines.join("\n")}`;
}

function proposalLines(proposals: CaseSnapshot["proposals"]): string {
  const lines = proposals.map((p) => {
    const votes =
      p.votes.length === 0 ? "no votes yet" : p.votes.map((v) => `${mention(v.voter)} ${v.choice}`).join(", ");
    const missing = p.missing.length > 0 ? ` · still needed: ${p.missing.join(", ")}` : "";
    const escalated = p.escalated ? " · :rotating_light: escalated to the leads" : "";
    return `• *P${p.seq}* ${SANCTION_RUNGS[p.rung].label} for \`${userText(p.accountRef, 64)}\` · ${votes}${missing}${escalated}`;
  });
  return `*Sanction proposals awaiting a decision*\n${lines.join("\n")}`;
}

/**
 * The triage post of a case that has a war room: no title, description or parties, since the
 * triage channel is wider than the case team.
 */
export function buildWarRoomAnnouncement(snapshot: CaseSnapshot): Block[] {
  const c = snapshot.record;
  const where = c.channelId ? `War room: ${channelLink(c.channelId)}` : "War room: being created…";
  return [
    header(caseHeadline(c)),
    section(`*${caseStatusLabel(c.status)}* · opened ${slackDate(c.createdAt)} ${openedBy(snapshot)}\n${where}`),
    context("Case details live in the war room. Ask its owner to be added."),
  ];
}

export function buildWarRoomTopic(record: CaseRow): string {
  return `${caseHeadline(record)} · ${caseStatusLabel(record.status)}`.slice(0, 250);
}
