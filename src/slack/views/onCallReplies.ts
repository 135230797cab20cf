import type { OnCallLayerRow, OnCallOverrideRow } from "../../../db/schema.ts";
import { formatLocal } from "../../core/localTime.ts";
import type { OnCall } from "../../core/onCall.ts";
import type { OnCallOverview } from "../../flows/onCall/loadOnCallOverview.ts";
import type { PassedOver } from "../../flows/onCall/onCallRoster.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { boundedLines, mention, slackDate } from "./mrkdwn.ts";

const WINDOW_LABELS: Readonly<Record<string, string>> = {
  always: "all the time",
  weekends: "weekends",
  holidays: "holidays",
};
// Lines per list in the overview, so the reply stays readable and well inside Slack's message limits.
const LINES_SHOWN = 10;

export function windowLabel(layer: OnCallLayerRow): string {
  if (layer.windowKind === "weekday_evenings") return `weekday evenings ${layer.windowFrom}–${layer.windowTo}`;
  return WINDOW_LABELS[layer.windowKind] ?? layer.windowKind;
}

/** "@ana (secondary @ben) · layer weekend", or that nobody is on call. */
export function onCallLine(onCall: OnCall | undefined): string {
  if (!onCall) return "Nobody is on call. A lead can add a rotation with `/incident oncall layer add`.";
  const secondary = onCall.secondary ? ` (secondary ${mention(onCall.secondary)})` : " (no secondary)";
  const via = onCall.viaOverride ? ", covering by override" : "";
  return `${mention(onCall.primary)}${secondary} · layer *${onCall.layer}*${via}`;
}

function layerLine(layer: OnCallLayerRow): string {
  const users = layer.users.map(mention).join(" → ");
  const every = layer.lengthHours === 24 ? "every day" : `every ${layer.lengthHours / 24} days`;
  return `• *${layer.name}* — ${windowLabel(layer)}, hands off at ${layer.handoffTime} ${every}: ${users}`;
}

/** "@ana is in a rotation but cannot take pages (role: consultant); their turns pass to the next person". */
function passedOverLine(p: PassedOver): string {
  const why = p.isBot ? "it is Incident Desk itself" : p.role ? `role: ${p.role}` : "no role";
  const where = p.inRotation ? "is in a rotation" : "has an override";
  const consequences = [
    ...(p.inRotation ? ["their turns pass to the next person"] : []),
    ...(p.hasOverride ? ["their overrides are ignored"] : []),
  ];
  return `• :warning: ${mention(p.userId)} ${where} but cannot take pages (${why}); ${consequences.join(" and ")}`;
}

export function onCallOverviewReply(o: OnCallOverview): EphemeralReply {
  const local = (at: number) => `${slackDate(at)} (${formatLocal(at, o.timeZone)} ${o.timeZone})`;
  const lines = [`*On call now:* ${onCallLine(o.onCall)}`, ...boundedLines(o.passedOver, LINES_SHOWN, passedOverLine)];
  if (o.handoffs.length > 0) {
    lines.push("*Next hand-offs:*", ...o.handoffs.map((h) => `• ${local(h.at)} → ${mention(h.primary)} (${h.layer})`));
  }
  lines.push("*Layers* (a later layer wins where it applies):");
  lines.push(...(o.layers.length > 0 ? boundedLines(o.layers, LINES_SHOWN, layerLine) : ["• none yet"]));
  if (o.overrides.length > 0) {
    lines.push(
      "*Overrides:*",
      ...boundedLines(
        o.overrides,
        LINES_SHOWN,
        (v) =>
          `• #${v.id} ${mention(v.userId)} covers${v.replaces ? ` ${mention(v.replaces)}` : ""} from ${local(v.startsAt)} to ${local(v.endsAt)}`,
      ),
    );
  }
  return ephemeral(lines.join("\n"));
}

/** The override as stored: a start in the past reads as the moment it was set. */
export function overrideAddedReply(row: OnCallOverrideRow, timeZone: string): EphemeralReply {
  const covers = row.replaces ? ` ${mention(row.replaces)}` : "";
  return ephemeral(
    `Override #${row.id}: ${mention(row.userId)} covers${covers} from ${formatLocal(row.startsAt, timeZone)} to ${formatLocal(row.endsAt, timeZone)} (${timeZone}).`,
  );
}
