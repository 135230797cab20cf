import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { getCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";

// Every case job's payload names its case so; the rest of the payload is the job's own.
const casePayload = z.object({ caseId: z.number().int().positive() });

/** The case a job's payload names, or a not_found error the runner records. */
export function loadJobCase(tx: Executor, payload: unknown): CaseRow {
  const { caseId } = casePayload.parse(payload);
  return getCase(tx, caseId) ?? fail("not_found", `case ${caseId} does not exist`);
}
