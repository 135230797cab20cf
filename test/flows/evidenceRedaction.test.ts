import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EVIDENCE_BLOCK } from "../../src/slack/ids.ts";
import { EvidenceRoom, evidenceValues, PDF, PNG, sha256 } from "../support/evidenceRoom.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const room = new EvidenceRoom();
const { sql, evidenceRows, fileRows, eventKinds, blobPath, command, openFormByCommand, submitEvidence, addEvidence } =
  room;
let h: Harness;
let roomId: string;
let summaryTs: string;

beforeEach(async () => {
  h = await room.open({ consultantRole: false });
  roomId = room.roomId;
  summaryTs = room.summaryTs;
});
afterEach(room.close);

describe("redacting evidence", () => {
  it("redacts an entry: a new entry and one event, the bytes deleted, the hashes kept", async () => {
    const png = h.fake.addFile({ name: "texts.png", content: PNG });
    const pdf = h.fake.addFile({ name: "log.pdf", content: PDF });
    await addEvidence({ [EVIDENCE_BLOCK.files]: [png.id, pdf.id] });
    const before = sql("SELECT id FROM case_events").length;

    const reply = await command("evidence redact E1 Contains a bystander's home address  and phone");
    expect(reply.text).toContain("E1 on TS-2026-0001 is redacted (E2)");

    const [entry, redaction] = evidenceRows();
    expect(redaction).toMatchObject({
      seq: 2,
      kind: "redaction",
      redacts_evidence_id: entry?.id,
      description: "Contains a bystander's home address  and phone",
      added_by: USERS.specialist,
    });
    expect(fileRows().map((f) => f.sha256)).toEqual([sha256(PNG), sha256(PDF)]);
    expect(existsSync(blobPath(sha256(PNG)))).toBe(false);
    expect(existsSync(blobPath(sha256(PDF)))).toBe(false);
    expect(sql("SELECT id FROM case_events")).toHaveLength(before + 1);
    expect(JSON.parse(eventKinds("evidence_redacted")[0]?.payload ?? "{}")).toMatchObject({
      seq: 2,
      redacts: 1,
      bytesRemoved: [sha256(PNG), sha256(PDF)],
    });

    await h.settle();
    expect(JSON.stringify(h.fake.message(roomId, summaryTs)?.blocks)).toContain("1 evidence items");
  });

  it.each([
    ["evidence redact E9 wrong number", "has no evidence E9"],
    ["evidence redact E1", "Say why"],
    ["evidence redact 1 no E", "Usage"],
  ])("refuses `%s`, appending nothing", async (text, message) => {
    await addEvidence();
    const before = sql("SELECT id FROM case_events").length;
    expect((await command(text)).text).toContain(message);
    expect(evidenceRows()).toHaveLength(1);
    expect(sql("SELECT id FROM case_events")).toHaveLength(before);
  });

  it("refuses to redact twice, or to redact a redaction", async () => {
    await addEvidence();
    await command("evidence redact E1 wrong case");
    const before = sql("SELECT id FROM case_events").length;
    expect((await command("evidence redact E1 again")).text).toContain("E1 was already redacted (E2)");
    expect((await command("evidence redact E2 undo")).text).toContain("E2 is itself a redaction record");
    expect(evidenceRows()).toHaveLength(2);
    expect(sql("SELECT id FROM case_events")).toHaveLength(before);
  });

  it("keeps bytes that a live entry of another case still holds, until that one is redacted too", async () => {
    await addEvidence({ [EVIDENCE_BLOCK.files]: [h.fake.addFile({ name: "a.png", content: PNG }).id] });
    await submitIntake(h, intakeValues({ title: "Second case with the same screenshot" }));
    const other = await openFormByCommand("evidence TS-2026-0002", USERS.specialist, h.triageChannelId);
    await submitEvidence(
      other,
      evidenceValues({ [EVIDENCE_BLOCK.files]: [h.fake.addFile({ name: "b.png", content: PNG }).id] }),
    );

    const reply = await command("evidence redact TS-2026-0001 E1 not this case's", USERS.lead, h.triageChannelId);
    expect(reply.text).toContain("1 identical file is kept");
    expect(readFileSync(blobPath(sha256(PNG)))).toEqual(PNG);
    await command("evidence redact TS-2026-0002 E1 not this one either", USERS.lead, h.triageChannelId);
    expect(existsSync(blobPath(sha256(PNG)))).toBe(false);
  });

  it("refuses to update or delete evidence and its files in the database", async () => {
    await addEvidence({ [EVIDENCE_BLOCK.files]: [h.fake.addFile({ name: "a.png", content: PNG }).id] });
    const db = h.desk.database.sqlite;
    expect(() => db.prepare("UPDATE evidence SET description = 'edited'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM evidence").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE evidence_files SET sha256 = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM evidence_files").run()).toThrow(/append-only/);
  });
});
