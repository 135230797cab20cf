import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EVIDENCE_LIMITS } from "../../src/core/evidence.ts";
import { EVIDENCE_BLOCK, EVIDENCE_FORM } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { stateValues } from "../slack-fake/index.ts";
import { evidenceValues, PDF, PNG, sha256, useEvidenceRoom, type ViewAnswer } from "../support/evidenceRoom.ts";
import { grantRole, USERS } from "../support/harness.ts";
import { CONSULTANT } from "../support/sev1WarRoom.ts";

const room = useEvidenceRoom();

describe("recording evidence", () => {
  it("records files from the summary's button: stored by hash, one event, and the summary counts it", async () => {
    const viewId = await room.openFormFromSummary();
    const form = room.h.fake.view(viewId);
    expect(form?.title).toMatchObject({ type: "plain_text", text: "Add evidence" });
    expect(JSON.parse(form?.private_metadata ?? "{}")).toMatchObject({ caseId: 1 });

    const png = room.h.fake.addFile({ name: "texts.png", content: PNG, user: USERS.specialist });
    const pdf = room.h.fake.addFile({ name: "log.pdf", content: PDF, user: USERS.specialist });
    const answer = await room.submitEvidence(viewId, evidenceValues({ [EVIDENCE_BLOCK.files]: [png.id, pdf.id] }));

    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view?.blocks)).toContain("Saving 2 files");
    await room.h.settle();
    expect(room.shownIn(viewId)).toContain("E1 recorded");
    expect(room.evidenceRows()).toEqual([
      expect.objectContaining({ seq: 1, kind: "screenshot", added_by: USERS.specialist, redacts_evidence_id: null }),
    ]);
    expect(room.fileRows()).toEqual([
      expect.objectContaining({ sha256: sha256(PNG), name: "texts.png", size: PNG.length, mime_type: "image/png" }),
      expect.objectContaining({ sha256: sha256(PDF), name: "log.pdf", size: PDF.length, slack_file_id: pdf.id }),
    ]);
    expect(readFileSync(room.blobPath(sha256(PNG)))).toEqual(PNG);
    expect(readFileSync(room.blobPath(sha256(PDF)))).toEqual(PDF);
    expect(room.storedFiles()).toHaveLength(2);

    const events = room.eventKinds("evidence_added");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.payload ?? "{}")).toMatchObject({
      seq: 1,
      kind: "screenshot",
      description: "Texts the pro sent after the job was cancelled.",
      files: [
        { sha256: sha256(PNG), size: PNG.length },
        { sha256: sha256(PDF), size: PDF.length },
      ],
    });

    await room.h.settle();
    expect(JSON.stringify(room.h.fake.message(room.roomId, room.summaryTs)?.blocks)).toContain("1 evidence items");
  });

  it("stores the same bytes once, however many entries hold them", async () => {
    await room.addEvidenceWithFiles({
      [EVIDENCE_BLOCK.files]: [room.h.fake.addFile({ name: "a.png", content: PNG }).id],
    });
    const again = await room.addEvidenceWithFiles({
      [EVIDENCE_BLOCK.kind]: "photo",
      [EVIDENCE_BLOCK.files]: [room.h.fake.addFile({ name: "copy-of-a.png", content: PNG }).id],
    });
    expect(again.shown).toContain("E2 recorded");
    expect(room.fileRows().map((f) => f.sha256)).toEqual([sha256(PNG), sha256(PNG)]);
    expect(room.storedFiles()).toEqual([relative(room.evidenceDir(), room.blobPath(sha256(PNG)))]);
  });

  it("opens the form by command: the war room's case, or a case named from elsewhere", async () => {
    await room.command("evidence");
    await expect
      .poll(() => room.h.fake.views().filter((v) => v.callback_id === EVIDENCE_FORM.callbackId).length)
      .toBe(1);
    const viewId = await room.openFormByCommand("evidence ts-2026-1", USERS.lead, room.h.triageChannelId);
    expect(JSON.parse(room.h.fake.view(viewId)?.private_metadata ?? "{}")).toMatchObject({ caseId: 1 });
    expect((await room.command("evidence", USERS.specialist, room.h.triageChannelId)).text).toContain("Name a case");
  });

  it.each([
    ["an empty description", { [EVIDENCE_BLOCK.description]: "   " }, EVIDENCE_BLOCK.description, "Describe"],
    ["a missing source", { [EVIDENCE_BLOCK.source]: null }, EVIDENCE_BLOCK.source, "who provided it"],
    ["a link that is not a URL", { [EVIDENCE_BLOCK.link]: "see the ticket" }, EVIDENCE_BLOCK.link, "https://"],
    ["a link that is not http(s)", { [EVIDENCE_BLOCK.link]: "javascript:alert(1)" }, EVIDENCE_BLOCK.link, "https://"],
    [
      "a link over 2000 characters",
      { [EVIDENCE_BLOCK.link]: `https://example.com/${"a".repeat(2000)}` },
      EVIDENCE_BLOCK.link,
      "2000",
    ],
    ["kind Link without a link", { [EVIDENCE_BLOCK.kind]: "link" }, EVIDENCE_BLOCK.link, "needs the link"],
    ["no kind", { [EVIDENCE_BLOCK.kind]: null }, EVIDENCE_BLOCK.kind, "kind of evidence"],
  ])("refuses %s with a field error and records nothing", async (_, values, blockId, message) => {
    const answer = await room.addEvidence(values);
    expect(answer.response_action).toBe("errors");
    expect(answer.errors?.[blockId]).toContain(message);
    expect(room.evidenceRows()).toHaveLength(0);
    expect(room.eventKinds("evidence_added")).toHaveLength(0);
  });

  it("accepts a link of kind Link", async () => {
    const answer = await room.addEvidence({
      [EVIDENCE_BLOCK.kind]: "link",
      [EVIDENCE_BLOCK.link]: "https://example.com/p/1",
    });
    expect(answer.response_action).toBe("update");
    expect(room.evidenceRows()[0]).toMatchObject({ kind: "link", link: "https://example.com/p/1" });
  });

  it("takes a file of exactly the limit and refuses one byte more, naming the file in the form and on the timeline", async () => {
    const limit = EVIDENCE_LIMITS.fileBytesMax;
    expect(limit).toBe(10 * 1024 * 1024);
    const atLimit = room.h.fake.addFile({ name: "call.mp3", content: Buffer.alloc(limit, 7) });
    expect((await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [atLimit.id] })).shown).toContain("E1 recorded");

    const over = room.h.fake.addFile({ name: "video.mov", content: Buffer.alloc(limit + 1, 8) });
    const { shown } = await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [over.id] });
    expect(shown).toContain("video.mov is 10 MB");
    expect(shown).toContain("at most 10 MB");
    expect(room.eventKinds("evidence_not_saved").map((e) => JSON.parse(e.payload).reason)).toEqual([
      expect.stringContaining("video.mov is 10 MB"),
    ]);
    expect(room.h.fake.callsTo("files.info")).toHaveLength(2);
    expect(room.evidenceRows()).toHaveLength(1);
    expect(room.storedFiles()).toHaveLength(1);
  });

  it("counts the bytes as they arrive, whatever size Slack reported", async () => {
    const file = room.h.fake.addFile({ name: "big.png", content: Buffer.alloc(EVIDENCE_LIMITS.fileBytesMax + 1, 1) });
    const small = room.h.fake.addFile({ name: "small.png", content: PNG });
    const described = room.h.fake.file(file.id);
    if (described) described.size = 100;
    const { shown } = await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [small.id, file.id] });
    expect(shown).toContain("big.png is more than 10 MB");
    expect(room.evidenceRows()).toHaveLength(0);
    // Neither the partial download nor the file that did arrive stay on disk.
    expect(room.storedFiles()).toEqual([]);
  });

  it("explains in the form when Slack will not describe a file", async () => {
    room.h.fake.inject("files.info", { error: "file_not_found" });
    const file = room.h.fake.addFile({ name: "texts.png", content: PNG });
    const { shown } = await room.addEvidenceWithFiles({ [EVIDENCE_BLOCK.files]: [file.id] });
    expect(shown).toContain("file_not_found");
    expect(room.evidenceRows()).toHaveLength(0);
  });

  it("records one entry when the same form is submitted twice", async () => {
    const viewId = await room.openFormByCommand();
    const file = room.h.fake.addFile({ name: "texts.png", content: PNG });
    const values = evidenceValues({ [EVIDENCE_BLOCK.files]: [file.id] });
    // What Slack would deliver again on a retry: the very same submission.
    const delivery = new URLSearchParams({
      payload: JSON.stringify({
        type: "view_submission",
        user: { id: USERS.specialist, username: "specialist", name: "specialist", team_id: room.h.fake.teamId },
        api_app_id: room.h.fake.appId,
        token: "fake-verification-token",
        trigger_id: room.h.fake.issueTriggerId({ userId: USERS.specialist, viewId }),
        team: { id: room.h.fake.teamId, domain: "fake-workspace" },
        view: {
          ...room.h.fake.viewPayload(viewId),
          state: { values: stateValues(room.h.fake.view(viewId)?.blocks ?? [], values, (id) => room.h.fake.file(id)) },
        },
      }),
    }).toString();

    const [first, second] = await Promise.all([
      room.h.driver.submitView({ viewId, userId: USERS.specialist, values }),
      room.h.driver.submitView({ viewId, userId: USERS.specialist, values }),
    ]);
    const replay = await room.h.driver.raw({ body: delivery });

    for (const res of [first, second, replay]) {
      expect(res.status).toBe(200);
      expect(JSON.stringify((res.body as ViewAnswer).view?.blocks)).toContain("Saving 1 file");
    }
    await room.h.settle();
    expect(room.shownIn(viewId)).toContain("E1 recorded");
    expect(room.h.fake.callsTo("files.info")).toHaveLength(1);
    expect(room.eventKinds("evidence_submitted")).toHaveLength(1);
    expect(room.evidenceRows()).toHaveLength(1);
    expect(room.fileRows()).toHaveLength(1);
    expect(room.eventKinds("evidence_added")).toHaveLength(1);
  });

  it("answers an observer 'not permitted' on the button and the command, opening no form", async () => {
    const click = await room.h.driver.clickButton({
      userId: USERS.observer,
      channelId: room.roomId,
      messageTs: room.summaryTs,
      actionId: EVIDENCE_FORM.button.actionId,
    });
    await expect.poll(() => room.h.fake.responses(click.responseUrl).length).toBe(1);
    expect(JSON.stringify(room.h.fake.responses(click.responseUrl)[0]?.body)).toContain("not permitted");
    expect((await room.command("evidence", USERS.observer)).text).toContain("not permitted");
    expect((await room.command("evidence redact E1 because", USERS.observer)).text).toContain("not permitted");
    expect(room.h.fake.views().filter((v) => v.callback_id === EVIDENCE_FORM.callbackId)).toHaveLength(0);
  });

  it("answers a consultant not consulted on the case 'not permitted', as for a case that does not exist", async () => {
    await grantRole(room.h, CONSULTANT, "consultant");
    const click = await room.h.driver.clickButton({
      userId: CONSULTANT,
      channelId: room.roomId,
      messageTs: room.summaryTs,
      actionId: EVIDENCE_FORM.button.actionId,
    });
    await expect.poll(() => room.h.fake.responses(click.responseUrl).length).toBe(1);
    expect(JSON.stringify(room.h.fake.responses(click.responseUrl)[0]?.body)).toContain("not permitted");
    const existing = await room.command("evidence list TS-2026-0001", CONSULTANT, room.h.triageChannelId);
    const missing = await room.command("evidence list TS-2026-0999", CONSULTANT, room.h.triageChannelId);
    expect(existing.text).toContain("not permitted");
    expect(missing.text).toBe(existing.text);
    expect((await room.command("evidence TS-2026-0001", CONSULTANT, room.h.triageChannelId)).text).toContain(
      "not permitted",
    );
  });

  it("checks the permission again at submit", async () => {
    const viewId = await room.openFormByCommand();
    await grantRole(room.h, USERS.specialist, "observer");
    const answer = await room.submitEvidence(viewId, evidenceValues());
    expect(answer.response_action).toBe("errors");
    expect(answer.errors?.[EVIDENCE_BLOCK.kind]).toContain("not permitted");
    expect(room.evidenceRows()).toHaveLength(0);
  });
});
