import type { CaseRow } from "../../db/schema.ts";
import type { Executor } from "../store/database.ts";
import type { FlowDeps } from "./deps.ts";

/**
 * Called by openCase inside its transaction: pages the on-call primary when the case's severity asks
 * for it at `now` (SEV1 always, SEV2 outside business hours). Scaffold; paging lands with issue 6.
 */
export function pageOnIntake(_tx: Executor, _deps: FlowDeps, _record: CaseRow, _now: number): void {}
