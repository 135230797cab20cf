import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EVIDENCE_BLOCK, EVIDENCE_FORM } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import type { FieldValue } from "../slack-fake/index.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

type ViewAnswer = { response_action?: string };

const CASE = "TS-2026-0001";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5, 6, 7, 8]);

/** A web server that is not Slack: it serves the bytes to anyone and remembers the headers it was sent. */
async function startOtherHost(): Promise<{ origin: string; received: IncomingHttpHeaders[]; server: Server }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { "content-type": "image/png" });
    res.end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe("downloading evidence files with the bot token", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await submitIntake(h, intakeValues());
  });
  afterEach(() => h.close());

  const evidenceRows = () => h.desk.database.sqlite.prepare("SELECT * FROM evidence").all();

  /** `/incident evidence TS-…` in the triage channel, then the form submitted with these files: answered, then fetched. */
  async function submitFiles(fileIds: string[]): Promise<{ answer: ViewAnswer; shown: string }> {
    const opened = h.fake.callsTo("views.open").length;
    await h.driver.command({ text: `evidence ${CASE}`, userId: USERS.specialist, channelId: h.triageChannelId });
    await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
    const view = h.fake
      .views()
      .filter((v) => v.callback_id === EVIDENCE_FORM.callbackId && v.open)
      .at(-1);
    const values: Record<string, FieldValue> = {
      [EVIDENCE_BLOCK.kind]: "screenshot",
      [EVIDENCE_BLOCK.description]: "Texts the pro sent after the job was cancelled.",
      [EVIDENCE_BLOCK.source]: "Reporter, by email to support",
      [EVIDENCE_BLOCK.files]: fileIds,
    };
    const res = await h.driver.submitView({ viewId: view?.id ?? "", userId: USERS.specialist, values });
    expect(res.status).toBe(200);
    const answer = res.body as ViewAnswer;
    expect(answer.response_action).toBe("update");
    await h.settle();
    return { answer, shown: JSON.stringify(h.fake.view(view?.id ?? "")?.blocks) };
  }

  /** A file whose url_private Slack (or someone in front of it) reports on another host. */
  function fileServedFrom(url: string): string {
    const file = h.fake.addFile({ name: "texts.png", content: PNG });
    const described = h.fake.file(file.id);
    if (described) described.url_private = url;
    return file.id;
  }

  it("refuses a file whose url_private is on another host, naming the file, and sends that host nothing", async () => {
    const other = await startOtherHost();
    try {
      const { shown } = await submitFiles([fileServedFrom(`${other.origin}/files-pri/T0TEST-F1/texts.png`)]);
      expect(shown).toContain("texts.png is not on Slack's file server");
      expect(other.received).toEqual([]);
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
    expect(evidenceRows()).toHaveLength(0);
  });

  it("downloads a file on the Slack API's own host with the bot token", async () => {
    const file = h.fake.addFile({ name: "texts.png", content: PNG });
    expect(new URL(file.url_private).origin).toBe(new URL(h.config.slack.apiUrl).origin);
    expect((await submitFiles([file.id])).shown).toContain("E1 recorded");
    const stored = h.desk.database.sqlite.prepare("SELECT sha256 FROM evidence_files").all();
    expect(stored).toEqual([{ sha256: createHash("sha256").update(PNG).digest("hex") }]);
  });

  it("needs the bot token to download: the stand-in answers a sign-in page without it", async () => {
    const file = h.fake.addFile({ name: "texts.png", content: PNG });
    const anonymous = await fetch(file.url_private, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    const signIn = await fetch(file.url_private);
    expect(signIn.headers.get("content-type")).toContain("text/html");
    const withToken = await fetch(file.url_private, { headers: { Authorization: `Bearer ${h.fake.botToken}` } });
    expect(Buffer.from(await withToken.arrayBuffer())).toEqual(PNG);
  });

  it("refuses a file the bot token does not open (another workspace's), on the files field", async () => {
    const file = h.fake.addFile({ name: "texts.png", content: PNG });
    const { shown } = await submitFiles([fileServedFrom(`${h.fake.origin}/files-pri/T0OTHER-${file.id}/texts.png`)]);
    expect(shown).toContain("did not let the bot download texts.png");
    expect(evidenceRows()).toHaveLength(0);
  });

  it("refuses an HTML sign-in page served in place of the file", async () => {
    const { shown } = await submitFiles([fileServedFrom(`${h.fake.origin}/`)]);
    expect(shown).toContain("sign-in page");
    expect(evidenceRows()).toHaveLength(0);
  });
});
