import type { CaseRow } from "../../../db/schema.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import type { AtRiskCase, HomeData, OnCallNow } from "../../flows/home/loadHomeData.ts";
import { type Block, capBlocks, context, divider, type HomeView, header, LIMITS, section } from "./blocks.ts";
import { caseStatusLabel, categoryLabel, severityLabel } from "./caseSummary.ts";
import { channelLink, mention, slackDate, userText } from "./mrkdwn.ts";
import { slaRiskPhrase } from "./slaMessages.ts";

const caseTag = (c: CaseRow) => `*${c.humanId}* · ${severityLabel(c.severity)} · ${categoryLabel(c.category)}`;
const roomLink = (c: CaseRow) => (c.channelId ? ` · ${channelLink(c.channelId)}` : "");

const caseLine = (c: CaseRow) =>
  `${caseTag(c)} · ${caseStatusLabel(c.status)} · ${slackDate(c.createdAt)}${roomLink(c)}`;

const riskLine = (r: AtRiskCase, now: number) =>
  `${caseTag(r.record)} · ${slaRiskPhrase(r.clock, now)}${roomLink(r.record)}`;

function atRiskBlocks(atRisk: NonNullable<HomeData["atRisk"]>, now: number): Block[] {
  if (atRisk.total === 0) return [context("Nothing at risk: every running clock is under 90 %.")];
  const more = atRisk.total - atRisk.shown.length;
  return [
    ...atRisk.shown.map((r) => section(riskLine(r, now))),
    ...(more > 0 ? [context(`${more}${atRisk.moreThanCounted ? "+" : ""} more at risk not shown.`)] : []),
  ];
}

function onCallBlocks(onCall: OnCallNow): Block[] {
  if (!onCall.configured) {
    return [context("Nobody is on call — a lead can set up `/incident oncall layer add`.")];
  }
  const { current, next } = onCall;
  const now = current
    ? `Primary ${mention(current.primary)} · secondary ${current.secondary ? mention(current.secondary) : "none"} · layer *${userText(current.layer, 80)}*${current.viaOverride ? " (override)" : ""}`
    : "Nobody is on call right now.";
  const handoff = next
    ? `Next hand-off ${slackDate(next.at)} to ${mention(next.primary)} (${userText(next.layer, 80)})`
    : "No hand-off ahead.";
  return [section(now), context(handoff)];
}

/** App Home: the queue by severity, SLA clocks at risk, who is on call, and the user's open cases. */
export function buildHomeView(data: HomeData): HomeView {
  const { queue } = data;
  const counts = queue && SEVERITIES.map((s) => `${severityPolicy(s).label}: *${queue[s] ?? 0}*`).join("   ");
  const blocks: Block[] = [
    header("Incident Desk"),
    ...(counts ? [section(`*Open queue*   ${counts}`), divider()] : []),
    ...(data.atRisk
      ? [section("*SLA at risk* (90 % of a target or past it)"), ...atRiskBlocks(data.atRisk, data.now), divider()]
      : []),
    ...(data.onCall ? [section("*On call now*"), ...onCallBlocks(data.onCall), divider()] : []),
    section(
      data.mineScope === "own" ? "*My open cases* (opened or owned by you)" : "*Open cases you are consulted on*",
    ),
    ...(data.mine.length === 0 ? [context("None right now.")] : data.mine.map((c) => section(caseLine(c)))),
    context(`Updated ${slackDate(data.now)} · \`/incident help\` for commands`),
  ];
  return { type: "home" as const, blocks: capBlocks(blocks, LIMITS.blocksPerView) };
}
