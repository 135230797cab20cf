import { expect } from "vitest";
import { MEDIATION_BLOCK, MEDIATION_FORM } from "../../src/slack/listeners/caseForms/mediationForm.ts";
import { openFormByCommand, selectOptions } from "./caseForms.ts";
import { type Harness, startHarness, USERS } from "./harness.ts";
import { intakeValues, submitIntake } from "./intake.ts";
import { jsonText } from "./jsonText.ts";
import { useFixture } from "./useFixture.ts";

export const MINUTE = 60_000;
export const SLA_CASE = "TS-2026-0001";
/** Who opens the cases, and so who is reminded until a case has an owner. */
export const OWNER = USERS.specialist;

type EventRow = { actor: string; payload: string };

/**
 * Arrange step shared by the SLA specs: an app on the fake clock, cases opened through the intake modal, and
 * what the reminders and pinned summaries show. Specs get it from `useSlaDesk()` and call its helpers as
 * `desk.x()`.
 */
export class SlaDesk {
  h!: Harness;

  async open(): Promise<Harness> {
    this.h = await startHarness();
    return this.h;
  }

  close = (): Promise<void> => this.h.close();

  sql = <T>(query: string, ...params: unknown[]) => this.h.desk.database.sqlite.prepare(query).all(...params) as T[];
  reminderEvents = () =>
    this.sql<EventRow>("SELECT actor, payload FROM case_events WHERE kind = 'sla_reminder' ORDER BY seq").map(
      (e): Record<string, unknown> => ({ actor: e.actor, ...(JSON.parse(e.payload) as Record<string, unknown>) }),
    );
  roomId = () => this.h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
  /** The bot's reminders, in the order they were posted. */
  remindersIn = (channelId: string, threadTs?: string) =>
    this.h.fake
      .messages(channelId, threadTs === undefined ? {} : { threadTs })
      .map((m) => m.text ?? "")
      .filter((t) => t.startsWith("⏱"));
  pinnedSummary = () => jsonText(this.h.fake.message(this.roomId(), this.h.fake.pins(this.roomId())[0] ?? "")?.blocks);

  /** Moves the fake clock to `minutes` after `from` and runs every job due by then. */
  settleAt = async (from: number, minutes: number): Promise<void> => {
    this.h.clock.set(from + minutes * MINUTE);
    await this.h.settle();
  };

  /** A SEV2 theft case, opened now: it gets its war room at once. */
  openSev2 = async (title = "Tools missing after a visit"): Promise<number> => {
    const openedAt = this.h.clock.now();
    await submitIntake(this.h, intakeValues({ category: "theft", title }));
    await this.h.settle();
    return openedAt;
  };

  /** The owner logs a phone call with the reporter from the war room: a party contact, no offer yet. */
  logMediationContact = async (): Promise<void> => {
    const viewId = await openFormByCommand(this.h, {
      userId: OWNER,
      text: "mediate",
      channelId: this.roomId(),
      callbackId: MEDIATION_FORM.callbackId,
    });
    const res = await this.h.driver.submitView({
      viewId,
      userId: OWNER,
      values: {
        party: selectOptions(this.h, viewId, MEDIATION_BLOCK.party)[0]?.value ?? "",
        channel: "phone",
        summary: "Called the customer to confirm what went missing.",
        offer: "none",
        amount: null,
        currency: null,
        outcome: "pending",
      },
    });
    expect(res.body).toBe("");
  };
}

/** A fresh SLA desk before each test of the calling spec, closed after it. */
export const useSlaDesk = (): SlaDesk => useFixture(new SlaDesk());
