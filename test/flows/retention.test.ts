import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REDACTED } from "../../src/core/retention.ts";
import { RETENTION_DAYS } from "../../src/core/retentionPeriods.ts";
import { EVIDENCE_BLOCK } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { searchIds } from "../support/caseSearch.ts";
import { moveCase } from "../support/caseState.ts";
import { PNG, sha256, useEvidenceRoom } from "../support/evidenceRoom.ts";
import { grantRole, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { CONSULTANT, SEV1_CASE } from "../support/sev1WarRoom.ts";

const DAY = 24 * 60 * 60_000;
// The SEV1 case is physical safety: the longest class.
const PERIOD = RETENTION_DAYS.harm * DAY;
const EVIDENCE_TEXT = "Photo of the bruise the customer sent by email";

const room = useEvidenceRoom();

describe("retention and legal hold", () => {
  const caseRow = () => room.sql<{ title: string; description: string }>("SELECT * FROM cases")[0];
  const redactionEvents = () => room.eventKinds("personal_data_redacted").map((e) => JSON.parse(e.payload));
  const onCase = (text: string, userId: string = USERS.lead) => room.command(text, userId, room.h.triageChannelId);

  async function closeWithEvidence(): Promise<void> {
    const png = room.h.fake.addFile({ name: "bruise.png", content: PNG });
    await room.addEvidence({ [EVIDENCE_BLOCK.files]: [png.id], [EVIDENCE_BLOCK.description]: EVIDENCE_TEXT });
    for (const status of ["investigating", "decision", "resolved", "closed"] as const) {
      moveCase(room.h, SEV1_CASE, status, USERS.specialist);
    }
    await room.h.settle();
  }

  async function passTime(ms: number): Promise<void> {
    room.h.clock.advance(ms);
    await room.h.settle();
  }

  it("redacts a closed case past its period: texts and bytes gone, hashes kept, recorded, verify intact", async () => {
    await closeWithEvidence();
    const title = caseRow()?.title ?? "";
    expect(await searchIds(room.h, "Dana")).toEqual([SEV1_CASE]);

    await passTime(PERIOD + DAY);

    expect(caseRow()).toMatchObject({ title: REDACTED, description: REDACTED });
    expect(room.evidenceRows()[0]).toMatchObject({ description: REDACTED, source: REDACTED, link: null });
    expect(room.fileRows()[0]).toMatchObject({ name: REDACTED, sha256: sha256(PNG) });
    expect(existsSync(room.blobPath(sha256(PNG)))).toBe(false);
    expect(room.sql("SELECT display_name FROM accounts")).toEqual([
      { display_name: REDACTED },
      { display_name: REDACTED },
    ]);
    const timeline = JSON.stringify(room.events().map((e) => e.payload));
    for (const personal of [title, EVIDENCE_TEXT, "bruise.png", "Dana R."]) expect(timeline).not.toContain(personal);
    expect(timeline).toContain(sha256(PNG));
    const [recorded] = redactionEvents();
    expect(recorded).toMatchObject({
      retentionDays: RETENTION_DAYS.harm,
      evidenceBytesDeleted: 1,
      fields: {
        "case.title": 1,
        "case.description": 1,
        "timeline.case_opened.title": 1,
        "timeline.case_opened.description": 1,
        "timeline.evidence_added.files[].name": 1,
        "timeline.evidence_submitted.description": 1,
        "evidence_file.name": 1,
        "account.displayName": 2,
      },
    });
    expect(recorded.seals.map((s: { seq: number }) => s.seq)).toEqual(
      room
        .events()
        .flatMap((e) => (["case_opened", "evidence_submitted", "evidence_added"].includes(e.kind) ? [e.seq] : [])),
    );
    expect((await onCase(`verify ${SEV1_CASE}`)).text).toContain("chain intact");
    expect(await searchIds(room.h, "Dana")).toEqual([]);
    expect(await searchIds(room.h, "bruise")).toEqual([]);
  });

  it("keeps the name of a party a live case shares, yet the redacted case is no longer found by it", async () => {
    await closeWithEvidence();
    room.h.clock.advance(PERIOD - DAY);
    await submitIntake(room.h, intakeValues({ title: "Dana again: a second complaint" }));
    await passTime(2 * DAY);

    expect(caseRow()?.description).toBe(REDACTED);
    expect(room.sql("SELECT display_name FROM accounts WHERE account_ref = 'cus_48213'")).toEqual([
      { display_name: "Dana R." },
    ]);
    expect(await searchIds(room.h, "Dana")).toEqual(["TS-2036-0001"]);
  });

  it("names a redacted event whose remaining content was changed afterwards", async () => {
    await closeWithEvidence();
    await passTime(PERIOD + DAY);
    const sqlite = room.sqlite();
    // Outside the app: a rewrite the triggers must first be told to allow, as an attacker with the file could.
    sqlite.exec("DROP TRIGGER case_events_no_update");
    sqlite.prepare("UPDATE case_events SET payload = replace(payload, 'physical-safety', 'theft') WHERE seq = 1").run();
    expect((await onCase(`verify ${SEV1_CASE}`)).text).toContain("chain broken at event #1: does not match its seal");
  });

  it("leaves a closed case alone while its period runs", async () => {
    await closeWithEvidence();
    await passTime(PERIOD - DAY);
    expect(caseRow()?.description).not.toBe(REDACTED);
    expect(existsSync(room.blobPath(sha256(PNG)))).toBe(true);
    expect(redactionEvents()).toEqual([]);
  });

  it("never redacts a case under legal hold; once released, the next run does", async () => {
    await closeWithEvidence();
    expect((await onCase(`hold ${SEV1_CASE} Litigation: claim filed by the customer`)).text).toContain(
      "is under legal hold",
    );
    expect(room.eventKinds("legal_hold_placed")).toHaveLength(1);
    const status = async () => JSON.stringify((await onCase(`status ${SEV1_CASE}`, USERS.observer)).blocks);
    expect(await status()).toContain("Legal hold");

    await passTime(PERIOD + DAY);
    expect(caseRow()?.description).not.toBe(REDACTED);
    expect(existsSync(room.blobPath(sha256(PNG)))).toBe(true);

    expect((await onCase(`release-hold ${SEV1_CASE}`)).text).toContain("legal hold is released");
    expect(await status()).not.toContain("Legal hold");
    await room.h.settle();
    expect(caseRow()?.description).toBe(REDACTED);
    expect(room.sql("SELECT reason FROM legal_holds")).toEqual([{ reason: REDACTED }]);
    expect(room.eventKinds("legal_hold_released")).toHaveLength(1);
    expect((await onCase(`verify ${SEV1_CASE}`)).text).toContain("chain intact");
  });

  it("does not redact a case reopened by an appeal after its redaction was queued", async () => {
    await closeWithEvidence();
    await passTime(PERIOD - DAY / 2);
    expect(room.sql("SELECT id FROM jobs WHERE kind = 'retention.redact' AND done_at IS NULL")).toHaveLength(1);

    moveCase(room.h, SEV1_CASE, "appealed", USERS.specialist);
    await passTime(DAY);
    expect(caseRow()?.description).not.toBe(REDACTED);
    expect(redactionEvents()).toEqual([]);
  });

  it("refuses a hold from a specialist or a consultant", async () => {
    await closeWithEvidence();
    await grantRole(room.h, CONSULTANT, "consultant");
    for (const userId of [USERS.specialist, CONSULTANT]) {
      expect((await onCase(`hold ${SEV1_CASE} keep it`, userId)).text).toContain("You are not permitted to do that");
    }
    expect(room.sql("SELECT * FROM legal_holds")).toEqual([]);
    expect(room.eventKinds("legal_hold_placed")).toEqual([]);
  });
});
