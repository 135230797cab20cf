import type { CaseRow } from "../../../db/schema.ts";
import type { OwedConsult } from "../../flows/consults/answerConsult.ts";
import { capBlocks, LIMITS, type ModalView, plain, section } from "./blocks.ts";
import { mention, slackDate, userText } from "./mrkdwn.ts";

const MAX_NAMED_RECIPIENTS = 10;

function owedBy(recipients: string[]): string {
  if (recipients.length === 0) return "not delivered yet";
  const named = recipients.slice(0, MAX_NAMED_RECIPIENTS).map(mention).join(", ");
  const more = recipients.length - MAX_NAMED_RECIPIENTS;
  return more > 0 ? `${named} and ${more} more` : named;
}

function consultState({ consult: c, recipients }: OwedConsult, now: number): string {
  if (c.status === "answered" && c.answeredBy && c.answeredAt) {
    return `:white_check_mark: Answered by ${mention(c.answeredBy)} ${slackDate(c.answeredAt)}`;
  }
  if (c.status !== "open") return c.status.charAt(0).toUpperCase() + c.status.slice(1);
  const due = c.dueAt < now ? ":red_circle: *Overdue*, was due" : "Due";
  return `${due} ${slackDate(c.dueAt)} · owed by ${owedBy(recipients)}`;
}

function consultEntry(entry: OwedConsult, now: number): string {
  const c = entry.consult;
  const head = `*${userText(entry.teamName, 40)}* · asked by ${mention(c.requestedBy)} ${slackDate(c.requestedAt)}`;
  return `${head}\n${consultState(entry, now)}\n>${userText(c.question, 300)}`;
}

/** `/incident consult list`: who owes what on the case, oldest consult first. */
export function buildConsultListModal(record: CaseRow, entries: readonly OwedConsult[], now: number): ModalView {
  const blocks =
    entries.length === 0
      ? [section(`No consults on ${record.humanId} yet. Use the *Consult* button or \`/incident consult\`.`)]
      : capBlocks(
          entries.map((e) => section(consultEntry(e, now))),
          LIMITS.blocksPerView,
        );
  return {
    type: "modal" as const,
    title: plain(`Consults · ${record.humanId}`, LIMITS.modalTitle),
    close: plain("Close", LIMITS.modalTitle),
    blocks,
  };
}
