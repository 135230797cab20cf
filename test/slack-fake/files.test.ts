import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

let fake: SlackFake;
let client: WebClient;
let channel: string;

beforeEach(async () => {
  fake = await startSlackFake({ channels: [{ name: "inc-1", members: ["UBOT"] }] });
  client = webClientFor(fake);
  channel = fake.channelByName("inc-1")?.id ?? "";
});

afterEach(() => fake.close());

const errorOf = async (call: Promise<unknown>) => (await refusal(call)).error;

describe("external uploads", () => {
  it("uploads through the client's uploadV2 and shares the file into the channel", async () => {
    const content = Buffer.from("timeline,of,events\n");
    await client.files.uploadV2({
      channel_id: channel,
      file: content,
      filename: "timeline.csv",
      initial_comment: "Timeline",
    });
    const [shared] = fake.messages(channel);
    expect(shared).toMatchObject({ text: "Timeline", user: "UBOT" });
    const fileId = shared?.files?.[0]?.id ?? "";
    expect(fake.fileContent(fileId)).toEqual(content);
    const { file } = await client.files.info({ file: fileId });
    expect(file).toMatchObject({ id: fileId, name: "timeline.csv", mimetype: "text/csv", size: content.length });
    expect(file?.url_private?.startsWith(`${fake.origin}/`)).toBe(true);
  });

  it("needs filename and length to hand out an upload URL", async () => {
    expect(await errorOf(client.apiCall("files.getUploadURLExternal", { length: 10 }))).toBe("invalid_arguments");
    expect(await errorOf(client.apiCall("files.getUploadURLExternal", { filename: "a.txt" }))).toBe(
      "invalid_arguments",
    );
    expect(await errorOf(client.files.getUploadURLExternal({ filename: "a.txt", length: 0 }))).toBe("invalid_length");
  });

  it("stores raw bytes posted to the upload URL and completes them without a channel", async () => {
    const { upload_url = "", file_id = "" } = await client.files.getUploadURLExternal({
      filename: "note.txt",
      length: 5,
    });
    expect(upload_url.startsWith(`${fake.origin}/`)).toBe(true);
    expect((await fetch(upload_url, { method: "POST", body: "hello" })).status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: file_id, title: "A note" }] });
    expect((await client.files.info({ file: file_id })).file).toMatchObject({ title: "A note", size: 5 });
    expect(fake.messages(channel)).toEqual([]);
  });

  it("refuses bytes of another size than the URL was asked for, after which the file cannot be completed", async () => {
    for (const body of ["four", "sixsix"]) {
      const { upload_url = "", file_id = "" } = await client.files.getUploadURLExternal({
        filename: "note.txt",
        length: 5,
      });
      expect((await fetch(upload_url, { method: "POST", body })).status).toBe(400);
      expect((await fetch(upload_url, { method: "POST", body: "hello" })).status).toBe(404);
      expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: file_id }] }))).toBe("file_not_found");
    }
  });

  it("completes a file once: a second completion is file_not_found and shares nothing more", async () => {
    const { upload_url = "", file_id = "" } = await client.files.getUploadURLExternal({ filename: "a.txt", length: 2 });
    await fetch(upload_url, { method: "POST", body: "hi" });
    await client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: channel });
    const again = client.files.completeUploadExternal({ files: [{ id: file_id }], channel_id: channel });
    expect(await errorOf(again)).toBe("file_not_found");
    expect(fake.messages(channel)).toHaveLength(1);
  });

  it("refuses to complete or describe a file never uploaded", async () => {
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: "F404" }] }))).toBe("file_not_found");
    const { file_id = "" } = await client.files.getUploadURLExternal({ filename: "empty.txt", length: 3 });
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: file_id }] }))).toBe("file_not_found");
    expect(await errorOf(client.files.info({ file: "F404" }))).toBe("file_not_found");
  });

  it("refuses to share into a channel the bot is not in", async () => {
    const outside = fake.addChannel({ name: "outside" });
    const upload = client.files.uploadV2({ channel_id: outside, content: "x", filename: "x.txt" });
    expect(await errorOf(upload)).toBe("not_in_channel");
  });
});

describe("private file downloads", () => {
  it("serves url_private only with the bot token, redirecting to the sign-in page otherwise", async () => {
    const file = fake.addFile({ name: "evidence.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    expect((await client.files.info({ file: file.id })).file).toMatchObject({ mimetype: "image/png", size: 4 });

    const authorized = await fetch(file.url_private, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(authorized.status).toBe(200);
    expect(authorized.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await authorized.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));

    const unauthorized: Record<string, string>[] = [{}, { authorization: "Bearer xoxb-wrong" }];
    for (const headers of unauthorized) {
      const refused = await fetch(file.url_private, { headers, redirect: "manual" });
      expect(refused.status).toBe(302);
      const signIn = await fetch(refused.headers.get("location") ?? "");
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get("content-type")).toContain("text/html");
    }
  });
});

describe("response URLs", () => {
  it("records what is posted to a response URL", async () => {
    const url = fake.responseUrl();
    const other = fake.responseUrl();
    const posted = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", text: "Only you can see this" }),
    });
    expect(posted.status).toBe(200);
    expect(fake.responses(url)).toEqual([{ url, body: { response_type: "ephemeral", text: "Only you can see this" } }]);
    expect(fake.responses(other)).toEqual([]);
    expect((await fetch(`${fake.origin}/commands/T0TEST/unknown`, { method: "POST" })).status).toBe(404);
  });
});
