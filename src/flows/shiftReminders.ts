import type { Executor } from "../store/database.ts";
import type { FlowDeps } from "./deps.ts";

/**
 * Called inside the transaction of every change to the on-call schedule or the business calendar, so
 * the shift reminders ahead are planned again. Scaffold; shift reminders land with issue 6.
 */
export function onScheduleChanged(_tx: Executor, _deps: FlowDeps, _now: number): void {}
