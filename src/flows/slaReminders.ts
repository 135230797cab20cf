import type { CaseRow } from "../../db/schema.ts";
import type { Executor } from "../store/database.ts";

/** Called by openCase inside its transaction: starts watching the case's SLA clocks. Scaffold for issue 6. */
export function watchSlaClocks(_tx: Executor, _record: CaseRow, _now: number): void {}
