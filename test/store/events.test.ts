import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GENESIS_HASH, verifyChain } from "../../src/core/auditHash.ts";
import { insertCase } from "../../src/store/cases.ts";
import { type DatabaseHandle, inTransaction, openDatabase } from "../../src/store/database.ts";
import { appendEvent, eventsOfCase, toStoredEvent } from "../../src/store/events.ts";

describe("the case timeline table", () => {
  let dir: string;
  let database: DatabaseHandle;
  let caseId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "events-"));
    database = openDatabase(join(dir, "cases.sqlite"));
    caseId = inTransaction(database.db, (tx) =>
      insertCase(tx, {
        humanId: "TS-2026-0001",
        year: 2026,
        seq: 1,
        category: "theft",
        categoryVersion: "v",
        severity: "sev2",
        status: "new",
        title: "t",
        description: "d",
        source: "phone",
        createdBy: "U1",
        createdAt: 1,
        updatedAt: 1,
      }),
    ).id;
    for (let i = 1; i <= 3; i++) {
      inTransaction(database.db, (tx) =>
        appendEvent(tx, { caseId, at: i, actor: "U1", kind: "status_changed", payload: { note: `${i} ünïcødé <&>` } }),
      );
    }
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("chains each event to the one before, starting from the genesis hash", () => {
    const events = eventsOfCase(database.db, caseId);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyChain(events.map(toStoredEvent))).toEqual({ ok: true, events: 3 });
  });

  it("refuses UPDATE at the database level", () => {
    expect(() => database.sqlite.prepare("UPDATE case_events SET actor = 'U2' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
  });

  it("refuses DELETE at the database level", () => {
    expect(() => database.sqlite.prepare("DELETE FROM case_events WHERE seq = 3").run()).toThrow(/append-only/);
    expect(eventsOfCase(database.db, caseId)).toHaveLength(3);
  });

  it("lets verify find an edit made behind the app's back", () => {
    database.sqlite.exec("DROP TRIGGER case_events_no_update");
    database.sqlite.prepare("UPDATE case_events SET payload = '{\"i\":20}' WHERE seq = 2").run();
    expect(verifyChain(eventsOfCase(database.db, caseId).map(toStoredEvent))).toMatchObject({ ok: false, seq: 2 });
  });
});
