import type { CaseStatus } from "../../src/core/lifecycle.ts";
import { recordCaseChange } from "../../src/flows/cases/caseChange.ts";
import { getCaseByHumanId } from "../../src/store/cases.ts";
import { inTransaction } from "../../src/store/database.ts";
import type { Harness } from "./harness.ts";

/**
 * Arrange step: moves a case along the lifecycle the way the status form's flow records it (one
 * chained event, checked against the transition table), without driving the form itself.
 */
export function moveCase(h: Harness, humanId: string, status: CaseStatus, actor: string): void {
  inTransaction(h.desk.deps.db, (tx) => {
    const record = getCaseByHumanId(tx, humanId);
    if (!record) throw new Error(`no case ${humanId}`);
    recordCaseChange(tx, record, { actor, at: h.clock.now(), kind: "status_changed", payload: {}, moveTo: status });
  });
}
