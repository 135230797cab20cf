import type { CaseRow, PageRow } from "../../../db/schema.ts";
import { isBusinessTime } from "../../core/businessHours.ts";
import { fail } from "../../core/domainError.ts";
import { instant, sentence, user } from "../../core/domainText.ts";
import { isOpenStatus, statusLabel } from "../../core/lifecycle.ts";
import { pageAckMinutes, shouldPage } from "../../core/paging.ts";
import { isAllowed } from "../../core/permissions.ts";
import { parseSeverity, type Severity } from "../../core/severity.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { insertPage, openPageOfCase } from "../../store/pages.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueuePageSteps } from "../jobs/notifyPage.ts";
import { onCallAt } from "../onCall/onCallRoster.ts";
import { userRole } from "../roles/access.ts";

interface PageSpec {
  trigger: "auto" | "manual";
  requestedBy: string;
  primaryUser: string | null;
  secondaryUser: string | null;
  dedupeKey: string | null;
}

function caseSeverity(record: CaseRow): Severity {
  return parseSeverity(record.severity) ?? fail("invalid_input", `${record.humanId} has no known severity.`);
}

/** Records the page and queues its whole ladder; each step's job decides when it runs whether it is still due. */
function startPage(tx: Executor, record: CaseRow, spec: PageSpec, now: number): PageRow | undefined {
  const ackMinutes = pageAckMinutes(caseSeverity(record));
  const page = insertPage(tx, { caseId: record.id, ackMinutes, createdAt: now, ...spec });
  if (page) enqueuePageSteps(tx, page, now);
  return page;
}

/**
 * Called by openCase inside its transaction: pages the on-call primary when the case's severity asks
 * for it at `now` (SEV1 always, SEV2 outside business hours). The dedupe key makes it once per case.
 */
export function pageOnIntake(tx: Executor, deps: FlowDeps, record: CaseRow, now: number): void {
  const calendar = loadCalendar(tx, deps.config.businessTimeZone);
  if (!shouldPage(caseSeverity(record), !isBusinessTime(calendar, now))) return;
  const onCall = onCallAt(tx, deps, now, calendar);
  const page = startPage(
    tx,
    record,
    {
      trigger: "auto",
      requestedBy: deps.botUserId,
      primaryUser: onCall?.primary ?? null,
      secondaryUser: onCall?.secondary ?? null,
      dedupeKey: `auto:${record.id}`,
    },
    now,
  );
  if (page) deps.log.info({ caseId: record.humanId, pageId: page.id, onCall: Boolean(onCall) }, "on-call paged");
}

export interface PageOnCallInput {
  userId: string;
  /** A case id as typed, or undefined in a war room. */
  idText: string | undefined;
  channelId: string;
  /** Page this person first; the on-call primary (if someone else) backs them up. */
  target?: string | undefined;
}

export interface PageOnCallResult {
  record: CaseRow;
  page: PageRow;
}

/** `/incident page [case] [@user]`: pages the on-call ladder (or a named person first) about a case now. */
export function pageOnCall(deps: FlowDeps, input: PageOnCallInput): PageOnCallResult {
  const now = deps.clock.now();
  const checked = caseFromCommand(deps, input, "page.send");
  const { target } = input;
  if (!isOpenStatus(checked.status)) {
    fail(
      "conflict",
      `${checked.humanId} is ${statusLabel(checked.status).toLowerCase()}: nobody needs paging about it.`,
    );
  }
  const result = inTransaction(deps.db, (tx): PageOnCallResult => {
    if (target !== undefined && (target === deps.botUserId || !isAllowed(userRole(tx, target), "page.send"))) {
      fail(
        "invalid_input",
        sentence`${user(target)} has no role that can answer a page; a lead can make them a specialist with \`/incident role\`.`,
      );
    }
    const open = openPageOfCase(tx, checked.id);
    if (open) {
      const who = open.primaryUser ? user(open.primaryUser) : "the escalation channel";
      fail(
        "conflict",
        sentence`Already paging ${who} about ${checked.humanId} since ${instant(open.createdAt)} and nobody has acknowledged it yet: acknowledge that page first.`,
      );
    }
    const onCall = onCallAt(tx, deps, now);
    const people =
      target === undefined
        ? { primaryUser: onCall?.primary ?? null, secondaryUser: onCall?.secondary ?? null }
        : {
            primaryUser: target,
            secondaryUser: (onCall?.primary !== target ? onCall?.primary : onCall?.secondary) ?? null,
          };
    const page = startPage(
      tx,
      checked,
      { trigger: "manual", requestedBy: input.userId, dedupeKey: null, ...people },
      now,
    );
    // A manual page has no dedupe key, so its insert cannot collide.
    if (!page) throw new Error(`page of ${checked.humanId} was not recorded`);
    return { record: checked, page };
  });
  deps.log.info({ caseId: result.record.humanId, pageId: result.page.id, by: input.userId }, "page requested");
  deps.wakeScheduler();
  return result;
}
