import { describe, expect, it } from "vitest";
import { EVIDENCE_BLOCK } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { PNG, sha256, useEvidenceRoom } from "../support/evidenceRoom.ts";
import { USERS } from "../support/harness.ts";

const room = useEvidenceRoom();

describe("the evidence catalogue", () => {
  it("lists the catalogue with hashes, escaped text and redaction marks", async () => {
    const png = room.h.fake.addFile({ name: "texts <!channel>.png", content: PNG });
    await room.addEvidence({
      [EVIDENCE_BLOCK.description]: "Threats <!channel> and <@U0LEAD1>",
      [EVIDENCE_BLOCK.files]: [png.id],
    });
    await room.addEvidence({ [EVIDENCE_BLOCK.kind]: "call_note", [EVIDENCE_BLOCK.description]: "Call with the pro" });
    await room.command("evidence redact E1 Shows a minor's face");

    const reply = await room.command("evidence list", USERS.observer);
    expect(reply.response_type).toBe("ephemeral");
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("*E1* · Screenshot");
    expect(text).toContain("*E2* · Call note");
    expect(text).toContain("Threats &lt;!channel&gt; and &lt;@U0LEAD1&gt;");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain(`texts &lt;!channel&gt;.png · ${PNG.length} B · \`${sha256(PNG).slice(0, 12)}\``);
    expect(text).toMatch(/Redacted\* <!date\^\d+\^[^>]+> by <@U0SPEC1> \(E3\): Shows a minor's face/);
    expect(text).not.toContain("*E3*");
  });

  it("keeps the catalogue within 50 blocks, saying how many more there are", async () => {
    for (let i = 1; i <= 52; i++) await room.addEvidence({ [EVIDENCE_BLOCK.description]: `Entry ${i}` });
    const reply = await room.command("evidence list TS-2026-0001", USERS.specialist, room.h.triageChannelId);
    expect(reply.blocks).toHaveLength(50);
    expect(JSON.stringify(reply.blocks?.at(-1))).toContain("4 more items not shown");
  });
});
