import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXPORT_CASE, exportProgressMessages, recordDecisions, uploadedFile } from "../support/decisionExport.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const MARCH = "export decisions 2026-03-01 2026-03-31";
const DONE = /^Exported 2 statements of reasons from 2026-03-01 to 2026-03-31/;

describe("the decision export job", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await submitIntake(h, intakeValues());
    await h.settle();
    recordDecisions(h);
  });
  afterEach(() => h.close());

  const run = async (channelId: string = h.triageChannelId) =>
    (await h.driver.command({ text: MARCH, userId: USERS.lead, channelId })).body as { text: string };
  /** The command, its job's first attempt, and the retry a minute later. */
  const runThroughRetry = async () => {
    await run();
    await h.settle();
    h.clock.advance(60_000);
    await h.settle();
  };
  const progressText = (channelId: string = h.triageChannelId) =>
    exportProgressMessages(h, channelId).map((m) => m.text);
  const succeededUploads = () => h.fake.callsTo("files.completeUploadExternal").filter((c) => c.ok);
  const fileMessages = (channelId: string) => h.fake.messages(channelId).filter((m) => m.files?.length);

  it("answers the command before building anything: no file and no progress message exist at the ack", async () => {
    const reply = await run();
    expect(reply.text).toContain("Building the export of decisions from 2026-03-01 to 2026-03-31");
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(0);
    expect(progressText()).toEqual([]);

    await h.settle();
    expect(progressText()).toEqual([expect.stringMatching(DONE)]);
    expect(succeededUploads()).toHaveLength(1);
    expect(uploadedFile(h, ".json")).toContain(`"case_id":"${EXPORT_CASE}"`);
    expect(JSON.parse(uploadedFile(h, ".json")).statements.map((s: { decision_id: string }) => s.decision_id)).toEqual([
      "ts-decision-2",
      "ts-decision-4",
    ]);
  });

  it("waits out a 429 and retries a 5xx during the upload, sharing the files once", async () => {
    h.fake.inject("files.getUploadURLExternal", { status: 429, retryAfter: 2 });
    h.fake.inject("files.completeUploadExternal", { status: 503 });
    await runThroughRetry();

    expect(h.fake.callsTo("files.getUploadURLExternal")[0]?.status).toBe(429);
    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503, 200]);
    expect(succeededUploads()).toHaveLength(1);
    expect(fileMessages(h.triageChannelId)).toHaveLength(1);
    expect(progressText()).toEqual([expect.stringMatching(DONE)]);
  });

  it("shares the files once when Slack shared them but its answer was lost: the retry finds them in the channel", async () => {
    h.fake.inject("files.completeUploadExternal", { status: 503, afterEffect: true });
    await runThroughRetry();

    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503]);
    expect(h.fake.callsTo("files.info").map((c) => c.ok)).toEqual([true, true]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(2);
    expect(fileMessages(h.triageChannelId)).toHaveLength(1);
    expect(progressText()).toEqual([expect.stringMatching(DONE)]);
  });

  it("uploads afresh on a retry when the earlier share never took effect", async () => {
    h.fake.inject("files.completeUploadExternal", { status: 503 });
    await runThroughRetry();

    // The earlier files were never completed: Slack knows them as no file, so nothing is shared yet.
    expect(h.fake.callsTo("files.info").map((c) => c.error)).toEqual(["file_not_found"]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(4);
    expect(fileMessages(h.triageChannelId)).toHaveLength(1);
    expect(progressText()).toEqual([expect.stringMatching(DONE)]);
  });

  it("does not upload again when the job is retried after the files were shared", async () => {
    h.fake.inject("chat.update", { status: 503 });
    await runThroughRetry();

    expect(h.fake.callsTo("chat.update").map((c) => c.status)).toEqual([503, 200]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(2);
    expect(succeededUploads()).toHaveLength(1);
    expect(fileMessages(h.triageChannelId)).toHaveLength(1);
    expect(progressText()).toEqual([expect.stringMatching(DONE)]);
  });

  it("makes one export of a command submitted twice, and a new one once that export is done", async () => {
    await run();
    const again = await run();
    expect(again.text).toContain("Already building the export");
    await h.settle();
    expect(succeededUploads()).toHaveLength(1);
    expect(progressText()).toHaveLength(1);

    await run();
    await h.settle();
    expect(succeededUploads()).toHaveLength(2);
  });

  it("sends the export by DM, never into a public channel it was asked in", async () => {
    const lounge = h.fake.addChannel({ name: "lounge", members: ["UBOT", USERS.lead] });
    await run(lounge);
    await h.settle();

    expect(h.fake.messages(lounge)).toEqual([]);
    const dm = dmChannelId(h.fake, USERS.lead);
    expect(progressText(dm)).toEqual([expect.stringMatching(DONE)]);
    expect(fileMessages(dm)).toHaveLength(1);
    expect(succeededUploads()[0]?.args.channel_id).toBe(dm);
  });
});
