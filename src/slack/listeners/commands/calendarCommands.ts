import type { BusinessHoursSpan } from "../../../core/businessHours.ts";
import { DomainError } from "../../../core/domainError.ts";
import type { Weekday } from "../../../core/localTime.ts";
import { addHoliday } from "../../../flows/calendar/addHoliday.ts";
import { loadBusinessHoursOverview } from "../../../flows/calendar/loadBusinessHoursOverview.ts";
import { loadHolidayList } from "../../../flows/calendar/loadHolidayList.ts";
import { removeHoliday } from "../../../flows/calendar/removeHoliday.ts";
import { setBusinessHours } from "../../../flows/calendar/setBusinessHours.ts";
import { setBusinessTimeZone } from "../../../flows/calendar/setBusinessTimeZone.ts";
import {
  businessHoursChangedReply,
  businessHoursReply,
  businessTimeZoneChangedReply,
  holidayLine,
  holidayListReply,
} from "../../views/calendarReplies.ts";
import { ephemeral } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

const HOURS_SET = "hours set <mon|tue|…|sun|weekdays|weekend> <HH:MM-HH:MM[,HH:MM-HH:MM]|closed>";
const HOURS_ZONE = "hours zone <IANA zone, e.g. America/Los_Angeles>";
const HOLIDAY_ADD = "holiday add <YYYY-MM-DD> <name>";
const HOLIDAY_REMOVE = "holiday remove <YYYY-MM-DD>";
const HOLIDAY_LIST = "holiday list";

const usage = (...forms: string[]) =>
  new DomainError("invalid_input", `Usage:\n${forms.map((f) => `\`/incident ${f}\``).join("\n")}`);

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** Every word `hours set` takes for its days: "mon" or "monday", "weekdays", "weekend". */
const DAYS: ReadonlyMap<string, readonly Weekday[]> = new Map<string, readonly Weekday[]>([
  ...DAY_NAMES.flatMap(
    (name, i): Array<[string, Weekday[]]> => [
      [name, [i as Weekday]],
      [name.slice(0, 3), [i as Weekday]],
    ],
  ),
  ["weekdays", [1, 2, 3, 4, 5]],
  ["weekend", [6, 0]],
  ["weekends", [6, 0]],
]);

/** "09:00-12:00,13:00-17:00" or "closed"; the core checks the times themselves. */
function parseSpans(text: string): BusinessHoursSpan[] | undefined {
  if (text.toLowerCase() === "closed") return [];
  const spans = text.split(",").map((part) => /^(\d{2}:\d{2})[-–](\d{2}:\d{2})$/.exec(part));
  if (spans.some((m) => !m?.[1] || !m[2])) return undefined;
  return spans.map((m) => ({ start: m?.[1] ?? "", end: m?.[2] ?? "" }));
}

export const calendarSubcommands: Record<string, Subcommand> = {
  hours: {
    usage: "hours [set <day> <hours>|zone <zone>]",
    summary: "business hours, holidays ahead and whether it is business time now; leads change them",
    run: (deps, { userId, args }) => {
      const [verb, ...more] = args;
      if (verb === undefined) return businessHoursReply(loadBusinessHoursOverview(deps, userId));
      if (verb === "set") {
        const [dayText, ...spanWords] = more;
        const days = DAYS.get((dayText ?? "").toLowerCase());
        const spans = parseSpans(spanWords.join(""));
        if (!days || !spans || spanWords.length === 0) throw usage(HOURS_SET);
        return businessHoursChangedReply(setBusinessHours(deps, userId, days, spans));
      }
      if (verb === "zone") {
        if (more.length !== 1 || !more[0]) throw usage(HOURS_ZONE);
        return businessTimeZoneChangedReply(setBusinessTimeZone(deps, userId, more[0]));
      }
      throw usage(HOURS_SET, HOURS_ZONE);
    },
  },
  holiday: {
    usage: "holiday [add <YYYY-MM-DD> <name>|remove <YYYY-MM-DD>|list]",
    summary: "holidays of the business calendar; leads add and remove them",
    run: (deps, { userId, args, rest }) => {
      const [verb, date] = args;
      if (verb === undefined || (verb === "list" && args.length === 1)) {
        return holidayListReply(loadHolidayList(deps, userId));
      }
      if (verb === "add" && date) {
        const name = rest.slice(rest.indexOf(date) + date.length);
        const row = addHoliday(deps, userId, date, name);
        return ephemeral(`Holiday added: ${holidayLine(row)}`);
      }
      if (verb === "remove" && date && args.length === 2) {
        const row = removeHoliday(deps, userId, date);
        return ephemeral(`Holiday removed: ${holidayLine(row)}`);
      }
      throw usage(HOLIDAY_ADD, HOLIDAY_REMOVE, HOLIDAY_LIST);
    },
  },
};
