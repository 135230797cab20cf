import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVIDENCE_BLOCK } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { evidenceValues, PDF, PNG, sha256, useEvidenceRoom } from "../support/evidenceRoom.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const room = useEvidenceRoom();

describe("redacting evidence", () => {
  it("redacts an entry: a new entry and one event, the bytes deleted, the hashes kept", async () => {
    const png = room.h.fake.addFile({ name: "texts.png", content: PNG });
    const pdf = room.h.fake.addFile({ name: "log.pdf", content: PDF });
    await room.addEvidence({ [EVIDENCE_BLOCK.files]: [png.id, pdf.id] });
    const before = room.sql("SELECT id FROM case_events").length;

    const reply = await room.command("evidence redact E1 Contains a bystander's home address  and phone");
    expect(reply.text).toContain("E1 on TS-2026-0001 is redacted (E2)");

    const [entry, redaction] = room.evidenceRows();
    expect(redaction).toMatchObject({
      seq: 2,
      kind: "redaction",
      redacts_evidence_id: entry?.id,
      description: "Contains a bystander's home address  and phone",
      added_by: USERS.specialist,
    });
    expect(room.fileRows().map((f) => f.sha256)).toEqual([sha256(PNG), sha256(PDF)]);
    expect(existsSync(room.blobPath(sha256(PNG)))).toBe(false);
    expect(existsSync(room.blobPath(sha256(PDF)))).toBe(false);
    expect(room.sql("SELECT id FROM case_events")).toHaveLength(before + 1);
    expect(JSON.parse(room.eventKinds("evidence_redacted")[0]?.payload ?? "{}")).toMatchObject({
      seq: 2,
      redacts: 1,
      bytesRemoved: [sha256(PNG), sha256(PDF)],
    });

    await room.h.settle();
    expect(JSON.stringify(room.h.fake.message(room.roomId, room.summaryTs)?.blocks)).toContain("1 evidence items");
  });

  it.each([
    ["evidence redact E9 wrong number", "has no evidence E9"],
    ["evidence redact E1", "Say why"],
    ["evidence redact 1 no E", "Usage"],
  ])("refuses `%s`, appending nothing", async (text, message) => {
    await room.addEvidence();
    const before = room.sql("SELECT id FROM case_events").length;
    expect((await room.command(text)).text).toContain(message);
    expect(room.evidenceRows()).toHaveLength(1);
    expect(room.sql("SELECT id FROM case_events")).toHaveLength(before);
  });

  it("refuses to redact twice, or to redact a redaction", async () => {
    await room.addEvidence();
    await room.command("evidence redact E1 wrong case");
    const before = room.sql("SELECT id FROM case_events").length;
    expect((await room.command("evidence redact E1 again")).text).toContain("E1 was already redacted (E2)");
    expect((await room.command("evidence redact E2 undo")).text).toContain("E2 is itself a redaction record");
    expect(room.evidenceRows()).toHaveLength(2);
    expect(room.sql("SELECT id FROM case_events")).toHaveLength(before);
  });

  it("keeps bytes that a live entry of another case still holds, until that one is redacted too", async () => {
    await room.addEvidence({ [EVIDENCE_BLOCK.files]: [room.h.fake.addFile({ name: "a.png", content: PNG }).id] });
    await submitIntake(room.h, intakeValues({ title: "Second case with the same screenshot" }));
    const other = await room.openFormByCommand("evidence TS-2026-0002", USERS.specialist, room.h.triageChannelId);
    await room.submitEvidence(
      other,
      evidenceValues({ [EVIDENCE_BLOCK.files]: [room.h.fake.addFile({ name: "b.png", content: PNG }).id] }),
    );
    await room.h.settle();

    const reply = await room.command(
      "evidence redact TS-2026-0001 E1 not this case's",
      USERS.lead,
      room.h.triageChannelId,
    );
    expect(reply.text).toContain("1 identical file is kept");
    expect(readFileSync(room.blobPath(sha256(PNG)))).toEqual(PNG);
    await room.command("evidence redact TS-2026-0002 E1 not this one either", USERS.lead, room.h.triageChannelId);
    expect(existsSync(room.blobPath(sha256(PNG)))).toBe(false);
  });

  it("refuses to update or delete evidence and its files in the database", async () => {
    await room.addEvidence({ [EVIDENCE_BLOCK.files]: [room.h.fake.addFile({ name: "a.png", content: PNG }).id] });
    const db = room.h.desk.database.sqlite;
    expect(() => db.prepare("UPDATE evidence SET description = 'edited'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM evidence").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE evidence_files SET sha256 = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM evidence_files").run()).toThrow(/append-only/);
  });
});
