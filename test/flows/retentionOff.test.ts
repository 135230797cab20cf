import { describe, expect, it } from "vitest";
import { RETENTION_DAYS } from "../../src/core/retentionPeriods.ts";
import { moveCase } from "../support/caseState.ts";
import { USERS } from "../support/harness.ts";
import { SEV1_CASE, Sev1WarRoom } from "../support/sev1WarRoom.ts";
import { useFixture } from "../support/useFixture.ts";

const DAY = 24 * 60 * 60_000;

// What a desk gets without RETENTION_REDACTION: redaction cannot be undone, so it waits for an operator's yes.
const room = useFixture(new Sev1WarRoom({ env: { RETENTION_REDACTION: "false" } }));

describe("retention left off (the default)", () => {
  const sql = <T>(query: string) => room.h.desk.database.sqlite.prepare(query).all() as T[];
  it("keeps a closed case's personal data long past its period and queues no redaction", async () => {
    for (const status of ["investigating", "decision", "resolved", "closed"] as const) {
      moveCase(room.h, SEV1_CASE, status, USERS.specialist);
    }
    await room.h.settle();
    const [before] = sql<{ title: string; description: string }>("SELECT title, description FROM cases");

    room.h.clock.advance((RETENTION_DAYS.harm + 30) * DAY);
    await room.h.settle();

    expect(sql("SELECT title, description FROM cases")).toEqual([before]);
    expect(sql("SELECT kind FROM case_events WHERE kind = 'personal_data_redacted'")).toEqual([]);
    expect(sql("SELECT kind FROM jobs WHERE kind LIKE 'retention.%'")).toEqual([]);
  });
});
