import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROLES } from "../../src/core/permissions.ts";
import { getCase, getCaseByIntakeView, insertCase, type NewCase } from "../../src/store/cases.ts";
import { type DatabaseHandle, inTransaction, openDatabase } from "../../src/store/database.ts";
import { appendEvent, latestEventSeq } from "../../src/store/events.ts";
import { rolesOf, setRole } from "../../src/store/roles.ts";

const opened = (title: string, intakeViewId: string): NewCase => ({
  humanId: "TS-2026-0001",
  year: 2026,
  seq: 1,
  category: "theft",
  categoryVersion: "v",
  severity: "sev2",
  status: "new",
  title,
  description: "d",
  source: "phone",
  createdBy: "U1",
  intakeViewId,
  createdAt: 1,
  updatedAt: 1,
});

describe("prepared statements of the store", () => {
  let dir: string;
  const handles: DatabaseHandle[] = [];
  const open = (name: string) => {
    const handle = openDatabase(join(dir, name));
    handles.push(handle);
    return handle;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "prepared-"));
  });

  afterEach(() => {
    for (const handle of handles.splice(0)) handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads and writes each database through its own statements when two are open in one process", () => {
    const first = open("first.sqlite");
    const second = open("second.sqlite");
    const a = inTransaction(first.db, (tx) => insertCase(tx, opened("in the first", "V-A")));
    expect(getCase(second.db, a.id)).toBeUndefined();
    expect(getCaseByIntakeView(second.db, "V-A")).toBeUndefined();

    const b = inTransaction(second.db, (tx) => insertCase(tx, opened("in the second", "V-B")));
    inTransaction(second.db, (tx) =>
      appendEvent(tx, { caseId: b.id, at: 2, actor: "U1", kind: "status_changed", payload: { note: "n" } }),
    );
    expect(getCase(first.db, a.id)?.title).toBe("in the first");
    expect(getCase(second.db, b.id)?.title).toBe("in the second");
    expect(latestEventSeq(first.db, a.id)).toBe(0);
    expect(latestEventSeq(second.db, b.id)).toBe(1);
  });

  it("serves a database opened again after its first handle closed", () => {
    const before = open("cases.sqlite");
    const record = inTransaction(before.db, (tx) => insertCase(tx, opened("kept", "V-A")));
    expect(getCase(before.db, record.id)?.title).toBe("kept");
    for (const handle of handles.splice(0)) handle.close();

    const after = open("cases.sqlite");
    expect(getCase(after.db, record.id)?.title).toBe("kept");
  });

  it("runs a statement inside a transaction, seeing that transaction's own writes and losing them on rollback", () => {
    const { db } = open("cases.sqlite");
    expect(() =>
      inTransaction(db, (tx) => {
        const record = insertCase(tx, opened("rolled back", "V-A"));
        expect(getCase(tx, record.id)?.title).toBe("rolled back");
        throw new Error("abort");
      }),
    ).toThrow("abort");
    expect(getCaseByIntakeView(db, "V-A")).toBeUndefined();
  });

  it("reads an IN list of each length through a statement of that length, and one past the prepared lengths", () => {
    const { db } = open("cases.sqlite");
    const staff = Array.from({ length: 40 }, (_, i) => `U${String(i).padStart(3, "0")}`);
    const roleOfIndex = (i: number) => ROLES[i % ROLES.length] ?? "observer";
    inTransaction(db, (tx) => {
      staff.forEach((userId, i) => {
        setRole(tx, { userId, role: roleOfIndex(i), changedBy: "U1", at: 1 });
      });
    });
    const expected = (userIds: string[]) =>
      new Map(userIds.filter((u) => staff.includes(u)).map((u) => [u, roleOfIndex(staff.indexOf(u))]));
    // Lengths alternate, so a statement of one length reused for another would bind too few or too many values.
    for (const length of [1, 3, 1, 32, 2, 33, 40, 3]) {
      const asked = [...staff.slice(40 - length), "UNOBODY"].slice(1);
      expect(rolesOf(db, asked), `a list of ${asked.length}`).toEqual(expected(asked));
    }
  });
});
