import type { CaseRow } from "../../../db/schema.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import { type Block, capBlocks, context, divider, type HomeView, header, LIMITS, section } from "./blocks.ts";
import { caseStatusLabel, categoryLabel, severityLabel } from "./caseSummary.ts";
import { channelLink, slackDate } from "./mrkdwn.ts";

export interface HomeData {
  mine: CaseRow[];
  queue: Readonly<Record<string, number>>;
  now: number;
}

const caseLine = (c: CaseRow) =>
  `*${c.humanId}* · ${severityLabel(c.severity)} · ${categoryLabel(c.category)} · ${caseStatusLabel(c.status)} · ${slackDate(c.createdAt)}${c.channelId ? ` · ${channelLink(c.channelId)}` : ""}`;

/** App Home: the user's open cases and the queue by severity. */
export function buildHomeView(data: HomeData): HomeView {
  const queue = SEVERITIES.map((s) => `${severityPolicy(s).label}: *${data.queue[s] ?? 0}*`).join("   ");
  const blocks: Block[] = [
    header("Incident Desk"),
    section(`*Open queue*   ${queue}`),
    divider(),
    section("*My open cases* (opened or owned by you)"),
    ...(data.mine.length === 0 ? [context("None right now.")] : data.mine.map((c) => section(caseLine(c)))),
    context(`Updated ${slackDate(data.now)} · \`/incident help\` for commands`),
  ];
  return { type: "home" as const, blocks: capBlocks(blocks, LIMITS.blocksPerView) };
}
