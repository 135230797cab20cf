import { describe, expect, it } from "vitest";
import { FETCH_EVIDENCE_ATTEMPTS } from "../../src/flows/jobs/fetchEvidenceFiles.ts";
import { EVIDENCE_BLOCK } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { FILE_HOST } from "../slack-fake/index.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { evidenceValues, PNG, sha256, useEvidenceRoom } from "../support/evidenceRoom.ts";
import { USERS } from "../support/harness.ts";

const room = useEvidenceRoom();

// Slack shows the user an error when a view_submission is not answered within 3 seconds.
const SLACK_ANSWER_MS = 3000;

/** Runs the fetch job's retries: each settle runs what is due, then the clock moves past the longest backoff. */
async function settleRetries(times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await room.h.settle();
    room.h.clock.advance(5 * 60_000);
  }
  await room.h.settle();
}

describe("evidence files fetched after the answer", () => {
  it("answers the form while the file host holds the file past 3 s, then stores the file with its hash", async () => {
    room.h.fake.inject(FILE_HOST, { delayMs: SLACK_ANSWER_MS + 500 });
    const viewId = await room.openFormByCommand();
    const file = room.h.fake.addFile({ name: "texts.png", content: PNG });

    const submittedAt = Date.now();
    const answer = await room.submitEvidence(viewId, evidenceValues({ [EVIDENCE_BLOCK.files]: [file.id] }));
    const answeredAt = Date.now();
    expect(answeredAt - submittedAt).toBeLessThan(SLACK_ANSWER_MS);
    expect(JSON.stringify(answer.view?.blocks)).toContain("Saving 1 file");
    // The submission is on the record before any byte arrives; the entry waits for its files.
    expect(room.eventKinds("evidence_submitted")).toHaveLength(1);
    expect(room.evidenceRows()).toHaveLength(0);

    await room.h.settle();
    expect(room.h.fake.downloads()[0]?.at).toBeGreaterThan(answeredAt);
    expect(room.fileRows()).toEqual([
      expect.objectContaining({ sha256: sha256(PNG), name: "texts.png", size: PNG.length }),
    ]);
    expect(room.shownIn(viewId)).toContain("E1 recorded");
  });

  it("retries a download the file host answered 503, and stores the file once", async () => {
    room.h.fake.inject(FILE_HOST, { status: 503 });
    const file = room.h.fake.addFile({ name: "texts.png", content: PNG });
    const { viewId, shown } = await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [file.id] });
    expect(shown).toContain("Saving 1 file");
    expect(room.evidenceRows()).toHaveLength(0);
    expect(room.storedFiles()).toEqual([]);

    await settleRetries(1);
    expect(room.h.fake.downloads().map((d) => d.status ?? 200)).toEqual([503, 200]);
    expect(room.evidenceRows()).toHaveLength(1);
    expect(room.fileRows().map((f) => f.sha256)).toEqual([sha256(PNG)]);
    expect(room.storedFiles()).toHaveLength(1);
    expect(room.eventKinds("evidence_added")).toHaveLength(1);
    expect(room.shownIn(viewId)).toContain("E1 recorded");
  });

  it("records a file the host never serves, naming it and the host's answer, once the retries are spent", async () => {
    room.h.fake.inject(FILE_HOST, { status: 503, times: Number.POSITIVE_INFINITY });
    const file = room.h.fake.addFile({ name: "call-recording.mp3", content: PNG });
    const { viewId } = await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [file.id] });
    await settleRetries(FETCH_EVIDENCE_ATTEMPTS);
    expect(room.h.fake.downloads()).toHaveLength(FETCH_EVIDENCE_ATTEMPTS);

    const reason = "Downloading call-recording.mp3 failed: Slack answered HTTP 503.";
    expect(room.shownIn(viewId)).toContain(reason);
    expect(room.eventKinds("evidence_not_saved").map((e) => JSON.parse(e.payload).reason)).toEqual([reason]);
    expect(room.evidenceRows()).toHaveLength(0);
    expect(room.storedFiles()).toEqual([]);
  });

  it("tells a submitter who closed the form by direct message", async () => {
    const viewId = await room.openFormByCommand();
    const file = room.h.fake.addFile({ name: "texts.png", content: PNG });
    await room.submitEvidence(viewId, evidenceValues({ [EVIDENCE_BLOCK.files]: [file.id] }));
    room.h.fake.closeView(viewId);

    await room.h.settle();
    const dm = room.h.fake.messages(dmChannelId(room.h.fake, USERS.specialist));
    expect(dm.map((m) => m.text)).toEqual([expect.stringContaining("E1 recorded")]);
    expect(room.fileRows()).toHaveLength(1);
  });
});
