import { eventOfClose, latestEventOfKind } from "../../store/caseClose.ts";
import { CLOSED_EVENT } from "../cases/closeCase.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import { archiveWarRoomPayload as closeJobPayload } from "../jobs/archiveWarRoom.ts";
import { ARCHIVED_EVENT, type WarRoomToArchive } from "./recordWarRoomArchived.ts";

/**
 * The war room an archive job (due a grace period after a close) should archive, or undefined: a case reopened
 * (appealed) since that close keeps its room; a case closed again has its own, later job.
 */
export function loadWarRoomToArchive(deps: FlowDeps, payload: unknown): WarRoomToArchive | undefined {
  const { caseId, closeSeq } = closeJobPayload.parse(payload);
  const record = loadJobCase(deps.db, payload);
  const stillThatClose =
    record.status === "closed" && latestEventOfKind(deps.db, caseId, CLOSED_EVENT)?.seq === closeSeq;
  if (!stillThatClose) {
    deps.log.info({ caseId: record.humanId, closeSeq }, "case reopened since its close: war room left open");
    return undefined;
  }
  if (!record.channelId || eventOfClose(deps.db, caseId, ARCHIVED_EVENT, closeSeq)) return undefined;
  return { caseId, closeSeq, channelId: record.channelId };
}
