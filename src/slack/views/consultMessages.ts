/**
 * What consults post. The team's messages carry the case id, severity, category, the question and
 * the due time, nothing else of the case: the people consulted see what they are asked.
 */
import type { CaseRow, ConsultRow } from "../../../db/schema.ts";
import { ACTION, CONSULT_ANSWER_BLOCK } from "../ids.ts";
import { actions, type Block, button, context, fields, header, LIMITS, section } from "./blocks.ts";
import { categoryLabel, severityLabel } from "./caseSummary.ts";
import { channelLink, mention, slackDate, userText } from "./mrkdwn.ts";

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface ConsultMessageInput {
  record: CaseRow;
  consult: ConsultRow;
  teamName: string;
}

const team = (name: string) => `*${userText(name, 40)}*`;

const questionBlock = (consult: ConsultRow) =>
  section(`*Question*\n${userText(consult.question, LIMITS.sectionText - 20)}`);

function consultFacts({ record, consult }: ConsultMessageInput): Block {
  return fields([
    ["Case", record.humanId],
    ["Severity", severityLabel(record.severity)],
    ["Category", categoryLabel(record.category)],
    ["Due", slackDate(consult.dueAt)],
  ]);
}

const answerButton = (consult: ConsultRow) =>
  actions(CONSULT_ANSWER_BLOCK.actions, [button("Answer", ACTION.answerConsult, String(consult.id), "primary")]);

/** The team's ping: a channel post, or a DM to each member of the team's user group. */
export function buildConsultPing(input: ConsultMessageInput): SlackMessage {
  return {
    text: `Consult request for ${input.teamName} on ${input.record.humanId}`,
    blocks: [
      header(`Consult request · ${input.teamName}`),
      consultFacts(input),
      questionBlock(input.consult),
      answerButton(input.consult),
    ],
  };
}

/** The ping once answered: the button gives way to who answered and when. */
export function buildConsultPingAnswered(input: ConsultMessageInput): SlackMessage {
  const { consult } = input;
  const by = consult.answeredBy ? mention(consult.answeredBy) : "someone";
  const when = consult.answeredAt ? ` ${slackDate(consult.answeredAt)}` : "";
  return {
    text: `Consult on ${input.record.humanId} answered`,
    blocks: [
      header(`Consult request · ${input.teamName}`),
      consultFacts(input),
      questionBlock(consult),
      context(`:white_check_mark: Answered by ${by}${when}`),
    ],
  };
}

/** The reminder to the team while an answer is overdue; it carries the Answer button again. */
export function buildConsultTeamReminder(input: ConsultMessageInput): SlackMessage {
  return {
    text: `Reminder: the consult on ${input.record.humanId} is overdue`,
    blocks: [
      section(
        `:alarm_clock: *Reminder:* this consult for ${team(input.teamName)} was due ${slackDate(input.consult.dueAt)} and is still unanswered.`,
      ),
      consultFacts(input),
      questionBlock(input.consult),
      answerButton(input.consult),
    ],
  };
}

/** Where the consult went, said in the case's room. */
export function consultDestination(target: { channelId: string } | { dmCount: number }): string {
  if ("channelId" in target) return `in ${channelLink(target.channelId)}`;
  return `to ${target.dmCount} ${target.dmCount === 1 ? "person" : "people"} by DM`;
}

export function buildConsultSentNote(input: ConsultMessageInput & { destination: string }): SlackMessage {
  const text = `:speech_balloon: Consult sent to ${team(input.teamName)} ${input.destination}, due ${slackDate(input.consult.dueAt)}.`;
  return { text, blocks: [section(text)] };
}

export function buildConsultAnswerNote({ consult, teamName }: ConsultMessageInput): SlackMessage {
  const by = consult.answeredBy ? mention(consult.answeredBy) : "someone";
  return {
    text: `${teamName} answered the consult`,
    blocks: [
      section(`:white_check_mark: ${team(teamName)} answered the consult (${by}).`),
      questionBlock(consult),
      section(`*Answer*\n${userText(consult.answer ?? "", LIMITS.sectionText - 20)}`),
    ],
  };
}

export function buildConsultRoomReminder({ consult, teamName }: ConsultMessageInput): SlackMessage {
  const text = `:alarm_clock: ${mention(consult.requestedBy)} the consult to ${team(teamName)} was due ${slackDate(consult.dueAt)} and is still unanswered. The team has been reminded.`;
  return { text, blocks: [section(text)] };
}
