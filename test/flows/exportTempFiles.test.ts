import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExportCli } from "../../src/cli/export.ts";
import { exportProgressMessages, recordDecisions, uploadedFile } from "../support/decisionExport.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const MARCH = "export decisions 2026-03-01 2026-03-31";
const BASE = "decisions-2026-03-01-to-2026-03-31";

/** Where the job builds its files, read while an upload is held up: each folder with its mode and its files'. */
const foldersIn = (parent: string) =>
  readdirSync(parent).map((name) => ({
    name,
    mode: statSync(join(parent, name)).mode & 0o777,
    files: readdirSync(join(parent, name))
      .sort()
      .map((file) => [file, statSync(join(parent, name, file)).mode & 0o777]),
  }));

describe("the decision export job's temporary files", () => {
  let h: Harness;
  let temp: string;
  const savedTmpdir = process.env.TMPDIR;

  beforeEach(async () => {
    h = await startHarness();
    await submitIntake(h, intakeValues());
    await h.settle();
    recordDecisions(h);
    // os.tmpdir() reads TMPDIR at each call: the job's folder lands here, where nothing else writes.
    temp = mkdtempSync(join(tmpdir(), "export-temp-spec-"));
    process.env.TMPDIR = temp;
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(temp, { recursive: true, force: true });
    h.close();
  });

  const run = () => h.driver.command({ text: MARCH, userId: USERS.lead, channelId: h.triageChannelId });
  const progressText = () => exportProgressMessages(h, h.triageChannelId).map((m) => m.text);

  it("builds both files in a folder only the bot's user can open, and removes it once they are shared", async () => {
    h.fake.inject("files.getUploadURLExternal", { delayMs: 400 });
    await run();
    const settled = h.settle();
    let during: ReturnType<typeof foldersIn> = [];
    for (let waited = 0; during.length === 0 && waited < 3_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      during = foldersIn(temp).filter((folder) => folder.files.length === 2);
    }
    await settled;

    expect(during).toEqual([
      {
        name: expect.stringMatching(/^incident-desk-export-/),
        mode: 0o700,
        files: [
          [`${BASE}.csv`, 0o600],
          [`${BASE}.json`, 0o600],
        ],
      },
    ]);
    expect(progressText()).toEqual([expect.stringMatching(/^Exported 2 statements/)]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("removes the folder when Slack refuses the upload for good", async () => {
    h.fake.inject("files.completeUploadExternal", { error: "file_uploads_disabled" });
    await run();
    await h.settle();

    expect(progressText()).toEqual([expect.stringContaining("Slack answered file_uploads_disabled")]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(2);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("removes the folder after a failed attempt and after the retry that shares the files once", async () => {
    h.fake.inject("files.completeUploadExternal", { status: 503 });
    await run();
    await h.settle();
    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503]);
    expect(readdirSync(temp)).toEqual([]);

    h.clock.advance(60_000);
    await h.settle();
    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503, 200]);
    expect(progressText()).toEqual([expect.stringMatching(/^Exported 2 statements/)]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("uploads byte for byte the files npm run export writes for the same range", async () => {
    await run();
    await h.settle();
    const out = join(temp, "cli");
    const args = ["--from", "2026-03-01", "--to", "2026-03-31", "--out", out];
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runExportCli(args, { DATABASE_PATH: h.config.db.path }, io)).toBe(0);

    for (const ext of ["json", "csv"]) {
      const written = readFileSync(join(out, `${BASE}.${ext}`), "utf8");
      expect(written.length).toBeGreaterThan(1_000);
      expect(uploadedFile(h, `.${ext}`)).toBe(written);
    }
    // The CLI's own private folder went too: only the two files are left where it wrote them.
    expect(readdirSync(out).sort()).toEqual([`${BASE}.csv`, `${BASE}.json`]);
  });
});
