import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { EVIDENCE_BLOCK, EVIDENCE_FORM } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import { compiledCli } from "./compiledBuild.ts";
import type { Harness } from "./harness.ts";
import { USERS } from "./harness.ts";

/** What a command-line tool printed, and how it ended. */
export interface ToolRun {
  code: number;
  out: string[];
  err: string[];
}

export async function runTool(
  tool: (
    argv: readonly string[],
    env: Record<string, string | undefined>,
    io: { out: (l: string) => void; err: (l: string) => void },
  ) => Promise<number>,
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<ToolRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tool(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** The bot's files as the tools read them from the environment. */
export const dataEnv = (h: Harness) => ({ DATABASE_PATH: h.config.db.path, EVIDENCE_DIR: h.config.evidenceDir });

/** `/incident evidence <case>` in the triage channel, submitted with one uploaded file holding `content`. */
export async function addEvidenceFile(h: Harness, caseId: string, content: Buffer): Promise<void> {
  const fileId = h.fake.addFile({ name: "texts.png", content }).id;
  const opened = h.fake.callsTo("views.open").length;
  await h.driver.command({ text: `evidence ${caseId}`, userId: USERS.specialist, channelId: h.triageChannelId });
  await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
  const view = h.fake
    .views()
    .filter((v) => v.callback_id === EVIDENCE_FORM.callbackId && v.open)
    .at(-1);
  const res = await h.driver.submitView({
    viewId: view?.id ?? "",
    userId: USERS.specialist,
    values: {
      [EVIDENCE_BLOCK.kind]: "screenshot",
      [EVIDENCE_BLOCK.description]: "Texts the pro sent after the job was cancelled.",
      [EVIDENCE_BLOCK.source]: "Reporter, by email to support",
      [EVIDENCE_BLOCK.files]: [fileId],
    },
  });
  expect(res.status).toBe(200);
  // The answer says "saving…"; the job that fetches the file records the entry.
  await h.settle();
}

/** The names in a folder of backups, partial folders included, sorted. */
/** `npm run restore`'s arguments: the backup `from`, restored into `<work>/<name>/` (its database and evidence). */
export const restoreArgs = (from: string, work: string, name: string) => [
  "--from",
  from,
  "--to",
  join(work, name, "cases.sqlite"),
  "--evidence-to",
  join(work, name, "evidence"),
];

export const backupFolderEntries = (dir: string) => readdirSync(dir).sort();

export const blobFilesOf = (backup: string) =>
  readdirSync(join(backup, "evidence"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

/** A command-line tool as its own process, compiled as `npm run <name>` runs it (see compiledBuild.ts). */
export interface SpawnedTool {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

export function spawnTool(name: string, argv: string[], env: Record<string, string | undefined>): SpawnedTool {
  const child = spawn(process.execPath, [compiledCli(name), ...argv], {
    cwd: mkdtempSync(join(tmpdir(), "incident-desk-cwd-")),
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}
