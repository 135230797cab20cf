import type { OnCallLayerRow } from "../../../db/schema.ts";
import { formatLocal } from "../../core/localTime.ts";
import type { OnCall } from "../../core/onCall.ts";
import type { OnCallOverview } from "../../flows/onCallSchedule.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { mention, slackDate } from "./mrkdwn.ts";

const WINDOW_LABELS: Readonly<Record<string, string>> = {
  always: "all the time",
  weekends: "weekends",
  holidays: "holidays",
};

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
  const users = (JSON.parse(layer.users) as string[]).map(mention).join(" → ");
  const every = layer.lengthHours === 24 ? "every day" : `every ${layer.lengthHours / 24} days`;
  return `• *${layer.name}* — ${windowLabel(layer)}, hands off at ${layer.handoffTime} ${every}: ${users}`;
}

export function onCallOverviewReply(o: OnCallOverview): EphemeralReply {
  const local = (at: number) => `${slackDate(at)} (${formatLocal(at, o.timeZone)} ${o.timeZone})`;
  const lines = [`*On call now:* ${onCallLine(o.onCall)}`];
  if (o.handoffs.length > 0) {
    lines.push("*Next hand-offs:*", ...o.handoffs.map((h) => `• ${local(h.at)} → ${mention(h.primary)} (${h.layer})`));
  }
  lines.push("*Layers* (a later layer wins where it applies):");
  lines.push(...(o.layers.length > 0 ? o.layers.map(layerLine) : ["• none yet"]));
  if (o.overrides.length > 0) {
    lines.push(
      "*Overrides:*",
      ...o.overrides.map(
        (v) =>
          `• #${v.id} ${mention(v.userId)} covers${v.replaces ? ` ${mention(v.replaces)}` : ""} from ${local(v.startsAt)} to ${local(v.endsAt)}`,
      ),
    );
  }
  return ephemeral(lines.join("\n"));
}
