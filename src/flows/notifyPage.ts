import { z } from "zod";
import type { PageRow } from "../../db/schema.ts";
import { fail } from "../core/domainError.ts";
import { PAGE_STEPS, type PageStatus, type PageStepName, pageStepAction } from "../core/paging.ts";
import { buildPageDm, buildPageEscalation } from "../slack/views/pageMessages.ts";
import { getCase } from "../store/cases.ts";
import { inTransaction } from "../store/database.ts";
import { getPage, updatePage } from "../store/pages.ts";
import { allRoles } from "../store/roles.ts";
import { recordCaseChange } from "./caseChange.ts";
import type { FlowDeps } from "./deps.ts";
import { type PostedMessage, postInChannel, postToEach } from "./postMessages.ts";

const notifyPayload = z.object({ pageId: z.number().int().positive(), step: z.enum(PAGE_STEPS) });

const later = (a: PageStepName, b: PageStepName) => (PAGE_STEPS.indexOf(a) >= PAGE_STEPS.indexOf(b) ? a : b);

function pageState(page: PageRow) {
  return { ...page, status: page.status as PageStatus, step: page.step as PageStepName };
}

/**
 * Job, one per step of a page's ladder: DMs the primary or the secondary, or tells the escalation
 * channel and the leads. An acknowledged page, a step already passed, or a channel already told makes
 * it a no-op, so a delayed or retried job never posts twice.
 */
export async function notifyPage(deps: FlowDeps, payload: unknown): Promise<void> {
  const { pageId, step } = notifyPayload.parse(payload);
  const page = getPage(deps.db, pageId) ?? fail("not_found", `page ${pageId} does not exist`);
  const target = pageStepAction(pageState(page), step);
  if (!target) return;
  const record = getCase(deps.db, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
  const input = { record, page, step };

  if (target.kind === "person") {
    const [message] = await postToEach(deps, [target.userId], buildPageDm(input));
    recordStep(deps, page, step, {
      kind: "page_sent",
      payload: { pageId, step, to: target.userId, trigger: page.trigger, requestedBy: page.requestedBy, message },
    });
    deps.log.info({ caseId: record.humanId, pageId, step }, "page sent");
    return;
  }

  const leads = allRoles(deps.db)
    .filter((r) => r.role === "lead")
    .map((r) => r.userId);
  const channel = deps.config.slack.escalationChannelId;
  const message: PostedMessage = await postInChannel(deps, channel, buildPageEscalation(input, leads));
  recordStep(deps, page, "escalation_channel", {
    kind: "page_escalated",
    payload: { pageId, step, to: channel, trigger: page.trigger, leads, message },
  });
  deps.log.info({ caseId: record.humanId, pageId, step, leads: leads.length }, "page escalated to the channel");
}

/** After the post: the page moves to the step taken, and the case records it. */
function recordStep(
  deps: FlowDeps,
  page: PageRow,
  taken: PageStepName,
  event: { kind: "page_sent" | "page_escalated"; payload: Record<string, unknown> },
): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const fresh = getPage(tx, page.id) ?? page;
    const step = later(fresh.step as PageStepName, taken);
    // An acknowledgement that came in while the message was on its way stays the last word.
    const status = fresh.status === "paging" && step === "escalation_channel" ? "exhausted" : fresh.status;
    updatePage(tx, page.id, { step, status });
    const record = getCase(tx, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
    recordCaseChange(tx, record, { actor: deps.botUserId, at: now, kind: event.kind, payload: event.payload });
  });
}
