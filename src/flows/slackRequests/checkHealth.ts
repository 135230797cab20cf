import { databaseAnswers } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";

/** What `/healthz` reports: whether the database answers a query. */
export function checkHealth(deps: FlowDeps): boolean {
  return databaseAnswers(deps.db);
}
