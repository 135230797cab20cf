import type { CaseRow, PageRow } from "../../../db/schema.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { acknowledgePageRow, getPage } from "../../store/pages.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueClosePageMessages } from "../jobs/closePageMessages.ts";
import { enqueueInvite } from "../jobs/inviteToWarRoom.ts";
import { assertMayOnCase } from "../roles/access.ts";
import { type WarRoomState, warRoomStateOf } from "../warRooms/warRoomStateOf.ts";

export interface AcknowledgePageInput {
  pageId: number;
  userId: string;
}

export type AcknowledgePageResult =
  | { outcome: "acknowledged"; record: CaseRow; page: PageRow; warRoom: WarRoomState }
  | { outcome: "already"; record: CaseRow; page: PageRow };

/**
 * The Acknowledge button: stops the page's ladder (later steps find it acknowledged and do nothing),
 * records who acknowledged after how long, and brings them into the war room.
 */
export function acknowledgePage(deps: FlowDeps, input: AcknowledgePageInput): AcknowledgePageResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): AcknowledgePageResult => {
    const page = getPage(tx, input.pageId);
    const found = page ? getCase(tx, page.caseId) : undefined;
    const record = assertMayOnCase(tx, input.userId, "page.send", found, "That page no longer exists.");
    if (!page) throw new Error("a case was found for a page that does not exist");
    const acked = acknowledgePageRow(tx, page.id, input.userId, now);
    if (!acked) return { outcome: "already", record, page };
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "page_acknowledged",
      payload: { pageId: page.id, step: page.step, afterSeconds: Math.round((now - page.createdAt) / 1000) },
    });
    // A case that lives in its triage thread has no room to join; the acknowledgement is recorded all the same.
    const warRoom = warRoomStateOf(tx, updated);
    if (warRoom !== "none") enqueueInvite(tx, updated, input.userId, now, `page${page.id}`);
    enqueueClosePageMessages(tx, page, now);
    return { outcome: "acknowledged", record: updated, page: acked, warRoom };
  });
  if (result.outcome === "acknowledged") {
    deps.log.info({ caseId: result.record.humanId, pageId: input.pageId, by: input.userId }, "page acknowledged");
    deps.wakeScheduler();
  }
  return result;
}
