import type { NewReportRunRow, ReportRunRow } from "../../../db/schema.ts";
import type { ReportPeriod } from "../../core/reportPeriod.ts";

/** The columns of a run that record its period. */
export const periodColumns = (period: ReportPeriod) => ({
  period: period.kind,
  firstDay: period.firstDay,
  lastDay: period.lastDay,
  timeZone: period.timeZone,
  fromAt: period.fromAt,
  toAt: period.toAt,
});

/** A run's period, as it was fixed when the run was recorded. */
export const periodOfRun = (run: ReportRunRow | NewReportRunRow): ReportPeriod => ({
  kind: run.period,
  firstDay: run.firstDay,
  lastDay: run.lastDay,
  timeZone: run.timeZone,
  fromAt: run.fromAt,
  toAt: run.toAt,
});
