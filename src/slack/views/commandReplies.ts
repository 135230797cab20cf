import type { CaseRow } from "../../../db/schema.ts";
import type { CasePage } from "../../flows/cases/findCases.ts";
import type { CaseSnapshot } from "../../flows/cases/loadCaseSnapshot.ts";
import type { OwedConsult } from "../../flows/consults/answerConsult.ts";
import { COMMAND } from "../ids.ts";
import { type Block, context, section } from "./blocks.ts";
import { buildCaseSummary, caseHeadline, caseStatusLabel, categoryLabel, severityLabel } from "./caseSummary.ts";
import { channelLink, slackDate, userText } from "./mrkdwn.ts";

export interface EphemeralReply {
  response_type: "ephemeral";
  text: string;
  blocks?: Block[];
}

export const ephemeral = (text: string, blocks?: Block[]): EphemeralReply => ({
  response_type: "ephemeral",
  text,
  ...(blocks ? { blocks } : {}),
});

/** The help text: one line per subcommand, from the command router's table. */
export function helpReply(
  commands: ReadonlyArray<{ usage: string; summary: string }>,
  unknownText?: string,
): EphemeralReply {
  const intro = unknownText
    ? `I don't know \`${userText(unknownText, 60)}\`. Here is what I can do:`
    : "Incident Desk commands:";
  const lines = [
    `\`${COMMAND}\` — open a new case (intake form)`,
    ...commands.map((c) => `\`${COMMAND} ${c.usage}\` — ${c.summary}`),
  ];
  return ephemeral(`${intro}\n${lines.join("\n")}`);
}

export function errorReply(message: string): EphemeralReply {
  return ephemeral(`:warning: ${message}`);
}

/** One case in a list: id, labels, status, when, war room, and (unless `titles` is false) its title. */
export function caseLine(c: CaseRow, options: { titles: boolean }): string {
  const where = c.channelId ? ` · ${channelLink(c.channelId)}` : "";
  return `*${c.humanId}* · ${severityLabel(c.severity)} · ${categoryLabel(c.category)} · ${caseStatusLabel(c.status)} · ${slackDate(c.createdAt)}${where}${options.titles ? `\n${userText(c.title, 150)}` : ""}`;
}

/** `titles: false` for consultants, who see what they are asked and not what the case is about. */
export function caseListReply(page: CasePage, options: { titles: boolean } = { titles: true }): EphemeralReply {
  if (page.total === 0) return ephemeral("No open cases. :tada:");
  const lines = page.cases.map((c) => caseLine(c, options));
  const more = page.page < page.pages ? ` · next: \`${COMMAND} list ${page.page + 1}\`` : "";
  const blocks = [
    section(`*Open cases* (${page.total})`),
    ...lines.map((line) => section(line)),
    context(`Page ${page.page} of ${page.pages}${more}`),
  ];
  return ephemeral(`${page.total} open cases`, blocks);
}

export function caseStatusReply(snapshot: CaseSnapshot): EphemeralReply {
  return ephemeral(
    `${snapshot.record.humanId}: ${caseStatusLabel(snapshot.record.status)}`,
    buildCaseSummary(snapshot, { offerWarRoom: false }),
  );
}

/** What a consultant sees of a case: what it is, where it stands, and the consults sent to them. */
export function consultantCaseReply(record: CaseRow, consults: readonly OwedConsult[]): EphemeralReply {
  const lines = consults.map(({ consult, teamName }) => {
    const state =
      consult.status === "answered" && consult.answeredAt
        ? `answered ${slackDate(consult.answeredAt)}`
        : `${consult.status}, due ${slackDate(consult.dueAt)}`;
    return `• *${userText(teamName, 40)}* (${state}): ${userText(consult.question, 300)}`;
  });
  return ephemeral(`${record.humanId}: ${caseStatusLabel(record.status)}`, [
    section(`*${caseHeadline(record)}* · ${caseStatusLabel(record.status)}`),
    section(`*Consults sent to you*\n${lines.join("\n") || "None open."}`),
  ]);
}
