import {
  type DecisionReference,
  decisionsToCsv,
  decisionsToJson,
  type ExportedStatement,
  type ExportRange,
  exportBaseName,
  parseExportRange,
} from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import { isSanctionRung } from "../../core/sanctions.ts";
import { restrictsSomething } from "../../core/statementOfReasons.ts";
import type { Executor } from "../../store/database.ts";
import { decisionsWithSourcesBetween } from "../../store/sanctions.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { statementOfDecision } from "./statementOfDecision.ts";

export interface ExportFile {
  filename: string;
  title: string;
  content: string;
}

export interface DecisionExport {
  range: ExportRange;
  /** Statements of reasons in the files. */
  count: number;
  /** Decisions in the range that restrict nothing: on the record, listed in the JSON, no statement. */
  leftOut: number;
  /** The JSON file, then the CSV; empty when no statement falls in the range. */
  files: ExportFile[];
}

/** Both files of the decisions taken in the range (the bot and the CLI share this). */
export function buildDecisionExport(tx: Executor, range: ExportRange): DecisionExport {
  const exported: ExportedStatement[] = [];
  const leftOut: DecisionReference[] = [];
  for (const { decision, record, proposal } of decisionsWithSourcesBetween(tx, range.fromMs, range.toMs)) {
    const rung = isSanctionRung(decision.rung)
      ? decision.rung
      : fail("conflict", `${decision.puid} has an unknown rung ${decision.rung}.`);
    const reference = { caseHumanId: record.humanId, decisionId: decision.puid, decidedAt: decision.decidedAt, rung };
    if (!restrictsSomething(rung)) {
      leftOut.push(reference);
      continue;
    }
    exported.push({
      ...reference,
      statement: statementOfDecision({ record, proposal, decision: { ...decision, rung } }),
    });
  }
  if (exported.length === 0) return { range, count: 0, leftOut: leftOut.length, files: [] };
  const base = exportBaseName(range);
  return {
    range,
    count: exported.length,
    leftOut: leftOut.length,
    files: [
      {
        filename: `${base}.json`,
        title: `Statements of reasons ${range.from} to ${range.to} (JSON)`,
        content: decisionsToJson(range, exported, leftOut),
      },
      {
        filename: `${base}.csv`,
        title: `Statements of reasons ${range.from} to ${range.to} (CSV)`,
        content: decisionsToCsv(exported),
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
