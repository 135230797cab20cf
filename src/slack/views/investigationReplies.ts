import type { AssignCaseResult } from "../../flows/cases/assignCase.ts";
import type { CaseTimeline } from "../../flows/cases/loadCaseTimeline.ts";
import type { CaseVerification } from "../../flows/cases/verifyCase.ts";
import { capBlocks, context, LIMITS, section } from "./blocks.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { channelLink, mention, slackDate } from "./mrkdwn.ts";

/** Enough of a hash to compare by eye against an exported record. */
const SHORT_HASH = 10;

export function timelineReply({ record, events, total }: CaseTimeline): EphemeralReply {
  const lines = events.map(
    (e) =>
      `*#${e.seq}* · \`${e.kind}\` · ${mention(e.actor)} · ${slackDate(e.at)} · \`${e.hash.slice(0, SHORT_HASH)}\``,
  );
  const shown = events.length === total ? `all ${total} events` : `the last ${events.length} of ${total} events`;
  return ephemeral(
    `${record.humanId}: ${shown}`,
    capBlocks(
      [
        section(`*${record.humanId} timeline*: ${shown}, oldest first`),
        ...lines.map((line) => section(line)),
        context("Check the whole chain with `/incident verify`."),
      ],
      LIMITS.blocksPerMessage,
    ),
  );
}

export function verifyReply({ record, verdict, lastHash }: CaseVerification): EphemeralReply {
  if (verdict.ok) {
    return ephemeral(
      `:white_check_mark: ${record.humanId}: chain intact: ${verdict.events} events, last hash \`${lastHash ?? "none"}\`.`,
    );
  }
  return ephemeral(
    `:rotating_light: ${record.humanId}: chain broken at event #${verdict.seq}: ${verdict.reason}. The stored record was changed outside Incident Desk; tell an admin.`,
  );
}

export function assignReply({ record, previousOwner }: AssignCaseResult): EphemeralReply {
  const owner = record.ownerId ? mention(record.ownerId) : "Nobody";
  const was = previousOwner ? ` (was ${mention(previousOwner)})` : "";
  const room = record.channelId ? ` They are being invited to ${channelLink(record.channelId)}.` : "";
  return ephemeral(`${owner} now owns ${record.humanId}${was}.${room}`);
}
