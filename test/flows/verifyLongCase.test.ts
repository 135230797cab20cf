import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/store/database.ts";
import { appendEvent } from "../../src/store/events.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const EVENTS = 10_000;

describe("verifying a 10,000-event case", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await submitIntake(h, intakeValues());
    inTransaction(h.desk.database.db, (tx) => {
      // The intake wrote event #1; the rest are status notes, each chained to the one before.
      for (let i = 2; i <= EVENTS; i++) {
        appendEvent(tx, { caseId: 1, at: i, actor: USERS.lead, kind: "status_changed", payload: { note: `n${i}` } });
      }
    });
    // Appending 10,000 chained events one by one is the slow part of this file on a shared machine.
  }, 60_000);
  afterEach(() => h.close());

  const verify = () =>
    h.driver.command({ text: "verify TS-2026-0001", userId: USERS.specialist, channelId: h.triageChannelId });

  it("reports the whole chain intact, across every slice", async () => {
    const { body } = await verify();
    expect(body).toMatchObject({ text: expect.stringContaining(`chain intact: ${EVENTS} events`) });
  });

  it("names the first broken link past the first slice", async () => {
    h.desk.database.sqlite.exec("DROP TRIGGER case_events_no_update");
    h.desk.database.sqlite.prepare("UPDATE case_events SET payload = ? WHERE seq = 7777").run('{"note":"edited"}');
    const { body } = await verify();
    expect(body).toMatchObject({ text: expect.stringContaining("chain broken at event #7777: hash does not match") });
  });
});
