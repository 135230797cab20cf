import { rememberSlackSignature } from "../../store/seenSlackSignatures.ts";
import type { FlowDeps } from "../deps.ts";

/** Records a verified request's signature until `expiresAt`; false when it was recorded before (a replay). */
export function recordSlackSignature(deps: FlowDeps, signature: string, expiresAt: number, now: number): boolean {
  return rememberSlackSignature(deps.db, signature, expiresAt, now);
}
