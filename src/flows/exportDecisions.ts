import {
  decisionsToCsv,
  decisionsToJson,
  type ExportRange,
  exportBaseName,
  parseExportRange,
} from "../core/decisionExport.ts";
import { fail } from "../core/domainError.ts";
import type { Executor } from "../store/database.ts";
import { decisionsBetween } from "../store/sanctions.ts";
import { assertMay } from "./access.ts";
import type { FlowDeps } from "./deps.ts";

export interface ExportFile {
  filename: string;
  title: string;
  content: string;
}

export interface DecisionExport {
  range: ExportRange;
  count: number;
  /** The JSON file, then the CSV; empty when no decision falls in the range. */
  files: ExportFile[];
}

/** Both files of the decisions taken in the range (the bot and the CLI share this). */
export function buildDecisionExport(tx: Executor, range: ExportRange): DecisionExport {
  const rows = decisionsBetween(tx, range.fromMs, range.toMs).map((d) => ({
    caseHumanId: d.caseHumanId,
    decidedAt: d.decidedAt,
    statement: JSON.parse(d.statement) as Record<string, unknown>,
  }));
  if (rows.length === 0) return { range, count: 0, files: [] };
  const base = exportBaseName(range);
  return {
    range,
    count: rows.length,
    files: [
      {
        filename: `${base}.json`,
        title: `Statements of reasons ${range.from} to ${range.to} (JSON)`,
        content: decisionsToJson(rows),
      },
      {
        filename: `${base}.csv`,
        title: `Statements of reasons ${range.from} to ${range.to} (CSV)`,
        content: decisionsToCsv(rows),
      },
    ],
  };
}

/** `/incident export decisions <from> <to>`: checked and built at once, uploaded after the command is answered. */
export function prepareDecisionExport(
  deps: FlowDeps,
  input: { userId: string; fromText: string | undefined; toText: string | undefined },
): DecisionExport {
  assertMay(deps.db, input.userId, "decision.export");
  return buildDecisionExport(deps.db, parseExportRange(input.fromText, input.toText));
}

/**
 * Uploads the files the way Slack asks since files.upload was retired: a URL per file, the bytes POSTed
 * to it, then one completeUploadExternal that shares them all into the channel with the comment.
 */
export async function uploadDecisionExport(
  deps: FlowDeps,
  input: { channelId: string; files: readonly ExportFile[]; comment: string },
): Promise<void> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of input.files) {
    const bytes = Buffer.from(file.content, "utf8");
    const target = await deps.slack.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
    const uploadUrl = target.upload_url ?? fail("conflict", "Slack gave no upload URL");
    const fileId = target.file_id ?? fail("conflict", "Slack gave no file id");
    const response = await fetch(uploadUrl, { method: "POST", body: bytes });
    if (!response.ok) throw new Error(`upload of ${file.filename} answered HTTP ${response.status}`);
    uploaded.push({ id: fileId, title: file.title });
  }
  await deps.slack.files.completeUploadExternal({
    files: [uploaded[0] ?? fail("invalid_input", "nothing to upload"), ...uploaded.slice(1)],
    channel_id: input.channelId,
    initial_comment: input.comment,
  });
}
