import type { BusinessCalendar, BusinessHoursSpan, Holiday } from "../../core/businessHours.ts";
import { formatLocal, parseIsoDate, type Weekday, weekdayOf } from "../../core/localTime.ts";
import { truncate } from "../../core/text.ts";
import type { BusinessHoursOverview } from "../../flows/calendar/loadBusinessHoursOverview.ts";
import type { HolidayList } from "../../flows/calendar/loadHolidayList.ts";
import { COMMAND } from "../ids.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { boundedLines, escapeMrkdwn, slackDate } from "./mrkdwn.ts";

const DAY_NAMES: Readonly<Record<Weekday, string>> = {
  0: "Sun",
  1: "Mon",
  2: "Tue",
  3: "Wed",
  4: "Thu",
  5: "Fri",
  6: "Sat",
};
/** The week as a team reads it, Monday first. */
const WEEK_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];
// Past this many lines a list would near Slack's section limit; the rest are counted.
const HOLIDAY_LINES = 25;
// As long as `/incident holiday add` allows, so only names stored before that limit are ever cut.
const HOLIDAY_NAME_SHOWN = 80;

function spansLabel(spans: readonly BusinessHoursSpan[]): string {
  return spans.length === 0 ? "closed" : spans.map((s) => `${s.start}–${s.end}`).join(", ");
}

/** One line per weekday, Monday first: "Mon 09:00–17:00". */
export function weeklyHoursLines(calendar: BusinessCalendar): string[] {
  return WEEK_ORDER.map((day) => `\`${DAY_NAMES[day]}\` ${spansLabel(calendar.weekly[day])}`);
}

/** A holiday's name for mrkdwn: cut first, then escaped, so a cut never splits an `&lt;`. */
export function holidayName(name: string): string {
  return escapeMrkdwn(truncate(name, HOLIDAY_NAME_SHOWN));
}

/** "• 2026-12-25 (Fri) Christmas Day", the name escaped. */
export function holidayLine(holiday: Holiday): string {
  const day = parseIsoDate(holiday.date);
  const weekday = day === undefined ? "" : ` (${DAY_NAMES[weekdayOf(day)]})`;
  return `• ${holiday.date}${weekday} ${holidayName(holiday.name)}`;
}

function businessTimeLine(o: BusinessHoursOverview): string {
  const { open, changesAt } = o.businessTime;
  const when = (at: number) => `${slackDate(at)} (${formatLocal(at, o.calendar.timeZone)})`;
  if (changesAt === undefined) return "*Now:* business hours, around the clock.";
  return open
    ? `*Now:* business hours, until ${when(changesAt)}.`
    : `*Now:* outside business hours; they start again ${when(changesAt)}.`;
}

export function businessHoursReply(o: BusinessHoursOverview): EphemeralReply {
  const lines = [
    `*Business hours* (${o.calendar.timeZone})`,
    ...weeklyHoursLines(o.calendar),
    businessTimeLine(o),
    "*Next holidays:*",
    ...(o.upcoming.length > 0 ? o.upcoming.map(holidayLine) : ["• none set"]),
    `Leads change these with \`${COMMAND} hours set <day> <HH:MM-HH:MM|closed>\`, \`${COMMAND} hours zone <zone>\` and \`${COMMAND} holiday add|remove\`.`,
  ];
  return ephemeral(lines.join("\n"));
}

export function businessHoursChangedReply(calendar: BusinessCalendar): EphemeralReply {
  return ephemeral([`Business hours updated (${calendar.timeZone}):`, ...weeklyHoursLines(calendar)].join("\n"));
}

export function businessTimeZoneChangedReply(calendar: BusinessCalendar): EphemeralReply {
  return ephemeral(
    `Business hours and holidays are now read in *${calendar.timeZone}*. On-call layers keep the zone they were added in; re-add a layer to move it.`,
  );
}

export function holidayListReply(list: HolidayList): EphemeralReply {
  const lines = [`*Holidays* (${list.timeZone})`];
  lines.push(
    ...(list.upcoming.length > 0 ? boundedLines(list.upcoming, HOLIDAY_LINES, holidayLine) : ["• none upcoming"]),
  );
  if (list.recent.length > 0) lines.push("*Last 30 days:*", ...boundedLines(list.recent, HOLIDAY_LINES, holidayLine));
  return ephemeral(lines.join("\n"));
}
