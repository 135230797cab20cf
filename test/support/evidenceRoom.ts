import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { EVIDENCE_BLOCK, EVIDENCE_FORM } from "../../src/slack/listeners/caseForms/evidenceForm.ts";
import type { FieldValue } from "../slack-fake/index.ts";
import { USERS } from "./harness.ts";
import { type Reply, Sev1WarRoom } from "./sev1WarRoom.ts";
import { useFixture } from "./useFixture.ts";

export type ViewAnswer = { response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } };

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
export const PDF = Buffer.from("%PDF-1.7\nmessage log between pro and customer\n%%EOF\n");

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A complete, valid evidence form; override what a test is about. */
export function evidenceValues(overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> {
  return {
    [EVIDENCE_BLOCK.kind]: "screenshot",
    [EVIDENCE_BLOCK.description]: "Texts the pro sent after the job was cancelled.",
    [EVIDENCE_BLOCK.source]: "Reporter, by email to support",
    ...overrides,
  };
}

/** The SEV1 war room of the case-form specs, with what the evidence specs read and drive. */
export class EvidenceRoom extends Sev1WarRoom {
  /** The pinned summary, whose button opens the evidence form. */
  summaryTs = "";

  constructor() {
    super({ consultantRole: false });
  }

  override async open() {
    const h = await super.open();
    this.summaryTs = h.fake.pins(this.roomId)[0] ?? "";
    return h;
  }

  sql = <T>(query: string, ...params: unknown[]) =>
    this.sqlite()
      .prepare(query)
      .all(...params) as T[];
  evidenceRows = () => this.sql<Record<string, unknown>>("SELECT * FROM evidence ORDER BY id");
  fileRows = () => this.sql<Record<string, unknown>>("SELECT * FROM evidence_files ORDER BY id");
  eventKinds = (kind: string) => this.sql<{ payload: string }>("SELECT payload FROM case_events WHERE kind = ?", kind);
  evidenceDir = () => this.h.config.evidenceDir;
  blobPath = (hash: string) => join(this.evidenceDir(), hash.slice(0, 2), hash.slice(2, 4), hash);

  /** Every stored file under EVIDENCE_DIR, temp files included. */
  storedFiles = () =>
    existsSync(this.evidenceDir())
      ? readdirSync(this.evidenceDir(), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => relative(this.evidenceDir(), join(entry.parentPath, entry.name)))
      : [];

  command = async (text: string, userId: string = USERS.specialist, channelId = this.roomId) => {
    const res = await this.h.driver.command({ text, userId, channelId });
    expect(res.status).toBe(200);
    return res.body as Reply;
  };

  openFormFromSummary = async (userId: string = USERS.specialist): Promise<string> => {
    const opened = this.h.fake.callsTo("views.open").length;
    await this.h.driver.clickButton({
      userId,
      channelId: this.roomId,
      messageTs: this.summaryTs,
      actionId: EVIDENCE_FORM.button.actionId,
    });
    return this.formOpened(EVIDENCE_FORM.callbackId, userId, opened);
  };

  openFormByCommand = async (text = "evidence", userId: string = USERS.specialist, channelId = this.roomId) => {
    const opened = this.h.fake.callsTo("views.open").length;
    await this.command(text, userId, channelId);
    return this.formOpened(EVIDENCE_FORM.callbackId, userId, opened);
  };

  submitEvidence = async (viewId: string, values: Record<string, FieldValue>, userId: string = USERS.specialist) => {
    const res = await this.h.driver.submitView({ viewId, userId, values });
    expect(res.status).toBe(200);
    return res.body as ViewAnswer;
  };

  /** Submits the form; with files, also runs the job that fetches them (the answer itself only says "saving…"). */
  addEvidence = async (values: Record<string, FieldValue> = {}) => {
    const answer = await this.submitEvidence(await this.openFormByCommand(), evidenceValues(values));
    const files = values[EVIDENCE_BLOCK.files];
    if (Array.isArray(files) && files.length > 0) await this.h.settle();
    return answer;
  };

  /** What the modal shows now (the job replaces the "saving" answer with the result), as text to search. */
  shownIn = (viewId: string) => JSON.stringify(this.h.fake.view(viewId)?.blocks ?? []);

  /** Submits a form with files: answered "saving…" at once; then the fetch job runs, and the modal shows its result. */
  addEvidenceWithFiles = async (values: Record<string, FieldValue>) => {
    const viewId = await this.openFormByCommand();
    const answer = await this.submitEvidence(viewId, evidenceValues(values));
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view?.blocks)).toContain("Saving");
    await this.h.settle();
    return { viewId, answer, shown: this.shownIn(viewId) };
  };
}

/** A fresh SEV1 war room before each evidence test, its consultant without a role until a test grants one. */
export const useEvidenceRoom = (): EvidenceRoom => useFixture(new EvidenceRoom());
