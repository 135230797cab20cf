import { expect } from "vitest";
import { CALLBACK } from "../../src/slack/ids.ts";
import type { Harness } from "./harness.ts";
import { USERS } from "./harness.ts";

export type IntakeValues = Record<string, string | number | null>;

/** A complete, valid intake; override what a test is about. */
export function intakeValues(overrides: IntakeValues = {}): IntakeValues {
  return {
    title: "Pro sent threatening messages after a cancelled job",
    category: "harassment",
    severity: null,
    description: "Customer reports three threatening texts from the pro after cancelling.",
    reporter: "cus_48213",
    reporter_role: "customer",
    reporter_name: "Dana R.",
    respondent: "pro_9911",
    respondent_role: "pro",
    respondent_name: "Sam's Plumbing",
    source: "phone",
    occurred_at: null,
    zendesk_ticket: null,
    ...overrides,
  };
}

/** `/incident` with no text, as the user types it; returns the id of the intake modal it opened. */
export async function openIntakeModal(h: Harness, userId: string = USERS.specialist): Promise<string> {
  const opened = h.fake.callsTo("views.open").length;
  const reply = await h.driver.command({ text: "", userId, channelId: h.triageChannelId });
  expect(reply.status).toBe(200);
  // The command is acknowledged first and the modal opened right after, as Slack's 3-second rule asks.
  await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
  const call = h.fake.callsTo("views.open").at(-1);
  if (!call?.ok) throw new Error(`views.open failed: ${call?.error} ${JSON.stringify(call)}`);
  const view = h.fake
    .views()
    .filter((v) => v.callback_id === CALLBACK.intake && v.user === userId && v.open)
    .at(-1);
  if (!view) throw new Error("the intake modal did not open");
  return view.id;
}

export interface IntakeResult {
  status: number;
  body: unknown;
  viewId: string;
}

/** Opens the intake modal and submits it with `values`. */
export async function submitIntake(
  h: Harness,
  values: IntakeValues,
  userId: string = USERS.specialist,
): Promise<IntakeResult> {
  const viewId = await openIntakeModal(h, userId);
  const { status, body } = await h.driver.submitView({ viewId, userId, values });
  return { status, body, viewId };
}

export function caseRows(h: Harness): Array<Record<string, unknown>> {
  return h.desk.database.sqlite.prepare("SELECT * FROM cases ORDER BY id").all() as Array<Record<string, unknown>>;
}
