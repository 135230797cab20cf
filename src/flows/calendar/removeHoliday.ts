import type { HolidayRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { localDateOf } from "../../core/localTime.ts";
import { deleteHoliday, loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { calendarChanged } from "./calendarChanged.ts";
import { assertNotPast, parseHolidayDate } from "./holidayDate.ts";

export function removeHoliday(deps: FlowDeps, actor: string, dateText: string): HolidayRow {
  const now = deps.clock.now();
  const date = parseHolidayDate(dateText);
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    assertNotPast(date, localDateOf(now, timeZone));
    const row = deleteHoliday(tx, date) ?? fail("not_found", `${date} is not a holiday.`);
    calendarChanged(tx, deps, now);
    deps.log.info({ date, by: actor }, "holiday removed");
    return row;
  });
}
