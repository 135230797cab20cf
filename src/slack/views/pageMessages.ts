/**
 * What paging posts. A DM to the paged person carries the case's headline, its title (escaped), why
 * they are paged and what happens without an acknowledgement; the escalation channel post carries ids
 * and labels only, never the case's text.
 */
import type { CaseRow, PageRow } from "../../../db/schema.ts";
import type { PageStepName } from "../../core/paging.ts";
import { parseSeverity, severityPolicy } from "../../core/severity.ts";
import type { WarRoomState } from "../../flows/warRooms/warRoomStateOf.ts";
import { ACTION } from "../ids.ts";
import { actions, type Block, button, context, fields, header, section } from "./blocks.ts";
import { caseHeadline, categoryLabel, severityLabel } from "./caseSummary.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import type { SlackMessage } from "./consultMessages.ts";
import { channelLink, mention, slackDate, userText } from "./mrkdwn.ts";

export interface PageMessageInput {
  record: CaseRow;
  page: PageRow;
  /** The step this message is sent for. */
  step: PageStepName;
  warRoom: WarRoomState;
}

/** Why this page was sent: someone asked, or the severity pages on its own. */
export function pageReason(record: CaseRow, page: PageRow): string {
  if (page.trigger === "manual") return `${mention(page.requestedBy)} paged about this case`;
  const severity = parseSeverity(record.severity);
  if (severity && severityPolicy(severity).paging === "always") {
    return `${severityLabel(record.severity)} cases page the on-call at any hour`;
  }
  return `${severityLabel(record.severity)} case opened outside business hours`;
}

// A SEV1 page goes out while its war room is still being created: say it is coming, not that there is none.
function warRoomText(record: CaseRow, warRoom: WarRoomState): string {
  if (record.channelId) return channelLink(record.channelId);
  return warRoom === "coming" ? "being opened; acknowledging brings you in" : "none: the case is in its triage thread";
}

const caseFacts = ({ record, page, warRoom }: PageMessageInput): Block =>
  fields([
    ["Case", record.humanId],
    ["Severity", severityLabel(record.severity)],
    ["Category", categoryLabel(record.category)],
    ["War room", warRoomText(record, warRoom)],
    ["Paged", slackDate(page.createdAt)],
    ["Why", pageReason(record, page)],
  ]);

const ackButton = (page: PageRow): Block =>
  actions(`page_${page.id}`, [button("Acknowledge", ACTION.ackPage, String(page.id), "primary")]);

/** Who hears of the page next when this step goes unacknowledged. */
function nextStepText(input: PageMessageInput): string {
  const { page, step } = input;
  const next =
    step === "primary" && page.secondaryUser ? mention(page.secondaryUser) : "the escalation channel and the leads";
  return `Acknowledge within ${page.ackMinutes} min, or ${next} will be paged.`;
}

/** The DM to the primary or secondary on call. */
export function buildPageDm(input: PageMessageInput): SlackMessage {
  const { record, page } = input;
  const who = input.step === "secondary" ? "You are paged as secondary on call" : "You are paged";
  return {
    text: `Page: ${caseHeadline(record)}. Acknowledge within ${page.ackMinutes} min.`,
    blocks: [
      header(`Page · ${record.humanId}`),
      section(`:rotating_light: *${who}* about *${caseHeadline(record)}*\n${userText(record.title, 300)}`),
      caseFacts(input),
      context(nextStepText(input)),
      ackButton(page),
    ],
  };
}

/** To the escalation channel: the leads by mention, the case by id and labels, and the Acknowledge button. */
export function buildPageEscalation(input: PageMessageInput, leads: readonly string[]): SlackMessage {
  const { record, page } = input;
  const who = leads.length > 0 ? leads.map(mention).join(" ") : "Leads (no one has the lead role)";
  const paged = [page.primaryUser, page.secondaryUser].filter((u): u is string => u !== null);
  const what =
    paged.length === 0
      ? `nobody is on call to page about *${caseHeadline(record)}*.`
      : `nobody acknowledged the page about *${caseHeadline(record)}* (paged ${paged.map(mention).join(", ")}).`;
  return {
    text: `Unacknowledged page: ${caseHeadline(record)}`,
    blocks: [
      header(`Page · ${record.humanId}`),
      section(`:rotating_light: ${who}: ${what} Someone please acknowledge and take it.`),
      caseFacts(input),
      ackButton(page),
    ],
  };
}

const ackedBy = (page: PageRow) => (page.ackedBy ? mention(page.ackedBy) : "someone");
const ackedWhen = (page: PageRow) => (page.ackedAt ? ` ${slackDate(page.ackedAt)}` : "");

/** Replaces the clicked page message: who acknowledged, and no button. */
export function buildPageAcknowledged(record: CaseRow, page: PageRow, warRoom: WarRoomState): SlackMessage {
  return {
    text: `Page about ${record.humanId} acknowledged by ${ackedBy(page)}`,
    blocks: [
      header(`Page · ${record.humanId}`),
      section(`:white_check_mark: *Acknowledged by ${ackedBy(page)}*${ackedWhen(page)} · ${caseHeadline(record)}`),
      context(`War room: ${warRoomText(record, warRoom)}`),
    ],
  };
}

export function alreadyAcknowledgedReply(page: PageRow): EphemeralReply {
  return ephemeral(`Already acknowledged by ${ackedBy(page)}${ackedWhen(page)}.`);
}

export interface PageRequestReply {
  record: CaseRow;
  page: PageRow;
  escalationChannelId: string;
}

/** What `/incident page` answers: who is paged now, and who next. */
export function pageRequestedReply({ record, page, escalationChannelId }: PageRequestReply): EphemeralReply {
  if (!page.primaryUser) {
    return ephemeral(
      `Nobody is on call, so ${channelLink(escalationChannelId)} and the leads are being told about ${record.humanId}.`,
    );
  }
  const then = page.secondaryUser ? `${mention(page.secondaryUser)}, then ` : "";
  return ephemeral(
    `Paging ${mention(page.primaryUser)} about ${record.humanId}. Without an acknowledgement within ${page.ackMinutes} min: ${then}${channelLink(escalationChannelId)}.`,
  );
}
