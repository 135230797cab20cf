import { DomainError } from "../../../core/domainError.ts";
import { parseClockMinutes, parseLocalDateTime } from "../../../core/localTime.ts";
import type { LayerWindow } from "../../../core/onCall.ts";
import { readBusinessTimeZone } from "../../../flows/calendar/readBusinessTimeZone.ts";
import { addOnCallLayer, type LayerSpec } from "../../../flows/onCall/addOnCallLayer.ts";
import { addOnCallOverride } from "../../../flows/onCall/addOnCallOverride.ts";
import { cancelOnCallOverride } from "../../../flows/onCall/cancelOnCallOverride.ts";
import { loadOnCallOverview } from "../../../flows/onCall/loadOnCallOverview.ts";
import { removeOnCallLayer } from "../../../flows/onCall/removeOnCallLayer.ts";
import { ephemeral } from "../../views/commandReplies.ts";
import { mention } from "../../views/mrkdwn.ts";
import { onCallOverviewReply, overrideAddedReply, windowLabel } from "../../views/onCallReplies.ts";
import { parseUserMention, type Subcommand } from "./subcommand.ts";

const LAYER_ADD =
  "oncall layer add <name> <always|weekends|holidays|evenings=HH:MM-HH:MM> <hand-off HH:MM> <days> @user…";
const LAYER_REMOVE = "oncall layer remove <name>";
const OVERRIDE = "oncall override @user <from YYYY-MM-DD HH:MM|now> <to YYYY-MM-DD HH:MM> [for @user]";
const OVERRIDE_CANCEL = "oncall override cancel <id>";

const usage = (...forms: string[]) =>
  new DomainError("invalid_input", `Usage:\n${forms.map((f) => `\`/incident ${f}\``).join("\n")}`);

function parseWindow(text: string): LayerSpec["window"] | undefined {
  if (text === "always" || text === "weekends" || text === "holidays") return { kind: text };
  const evenings = /^evenings=(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text);
  if (!evenings?.[1] || !evenings[2]) return undefined;
  if (parseClockMinutes(evenings[1]) === undefined || parseClockMinutes(evenings[2]) === undefined) return undefined;
  return { kind: "weekday_evenings" satisfies LayerWindow["kind"], from: evenings[1], to: evenings[2] };
}

function parseLayerAdd(args: readonly string[]): LayerSpec {
  const [name, windowText, handoff, daysText, ...people] = args;
  const window = parseWindow(windowText ?? "");
  const users = people.map(parseUserMention);
  const days = Number(daysText);
  if (!name || !window || !handoff || parseClockMinutes(handoff) === undefined || !Number.isInteger(days)) {
    throw usage(LAYER_ADD);
  }
  if (users.length === 0 || users.some((u) => u === undefined)) throw usage(LAYER_ADD);
  return { name: name.toLowerCase(), window, handoffTime: handoff, days, users: users as string[] };
}

// `YYYY-MM-DD HH:MM` is two words; `YYYY-MM-DDTHH:MM` and `now` are one.
const WHEN = String.raw`now|\d{4}-\d{2}-\d{2}(?:T| +)\d{2}:\d{2}`;
const OVERRIDE_TIMES = new RegExp(`^(${WHEN}) +(?:to +|until +)?(${WHEN})(?: +for +(\\S+))?$`, "i");

export const onCallSubcommands: Record<string, Subcommand> = {
  oncall: {
    usage: "oncall [layer add|layer remove|override …]",
    summary: "who is on call now and next; leads manage the rotations and overrides",
    run: (deps, { userId, args, rest }) => {
      const [verb, second, ...more] = args;
      if (verb === undefined) return onCallOverviewReply(loadOnCallOverview(deps, userId));
      if (verb === "layer" && second === "add") {
        const layer = addOnCallLayer(deps, userId, parseLayerAdd(more));
        return ephemeral(
          `Layer *${layer.name}* added (${windowLabel(layer)}); ${mention(layer.users[0] ?? "")} holds it first. \`/incident oncall\` shows the schedule.`,
        );
      }
      if (verb === "layer" && second === "remove" && more.length === 1 && more[0]) {
        const layer = removeOnCallLayer(deps, userId, more[0].toLowerCase());
        return ephemeral(`Layer *${layer.name}* removed.`);
      }
      if (verb === "override" && second === "cancel" && more.length === 1) {
        const id = Number((more[0] ?? "").replace(/^#/, ""));
        if (!Number.isInteger(id) || id < 1) throw usage(OVERRIDE_CANCEL);
        const row = cancelOnCallOverride(deps, userId, id);
        return ephemeral(`Override #${row.id} (${mention(row.userId)}) cancelled.`);
      }
      if (verb === "override") {
        const target = parseUserMention(second);
        const times = OVERRIDE_TIMES.exec(rest.slice(rest.indexOf(second ?? "") + (second ?? "").length).trim());
        const replaces = times?.[3] === undefined ? null : (parseUserMention(times[3]) ?? "");
        if (!target || !times?.[1] || !times[2] || replaces === "") throw usage(OVERRIDE, OVERRIDE_CANCEL);
        const timeZone = readBusinessTimeZone(deps);
        const now = deps.clock.now();
        const at = (text: string, what: string) =>
          text.toLowerCase() === "now" ? now : parseLocalDateTime(text.replace(/ +/, " "), timeZone, what);
        const row = addOnCallOverride(deps, userId, {
          userId: target,
          from: at(times[1], "The start"),
          to: at(times[2], "The end"),
          replaces,
        });
        return overrideAddedReply(row, timeZone);
      }
      throw usage(LAYER_ADD, LAYER_REMOVE, OVERRIDE, OVERRIDE_CANCEL);
    },
  },
};
