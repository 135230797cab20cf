import type { CaseRow, EvidenceFileRow, EvidenceRow } from "../../../db/schema.ts";
import { evidenceOfCase, filesOfEvidence } from "../../store/evidence.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";

export interface EvidenceListEntry {
  entry: EvidenceRow;
  files: EvidenceFileRow[];
  /** The later entry that redacted this one: its bytes are gone, its hashes stay. */
  redaction: EvidenceRow | undefined;
}

export interface EvidenceListing {
  record: CaseRow;
  /** Entries in E-number order; redaction entries are folded into the entry they redact. */
  entries: EvidenceListEntry[];
}

/** `/incident evidence list [case]`: the case's evidence catalogue, for anyone who may read the case. */
export function loadEvidenceListing(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): EvidenceListing {
  const record = caseFromCommand(deps, input, "case.read");
  const rows = evidenceOfCase(deps.db, record.id);
  const files = filesOfEvidence(
    deps.db,
    rows.map((r) => r.id),
  );
  const entries = rows
    .filter((r) => r.redactsEvidenceId === null)
    .map((entry) => ({
      entry,
      files: files.filter((f) => f.evidenceId === entry.id),
      redaction: rows.find((r) => r.redactsEvidenceId === entry.id),
    }));
  return { record, entries };
}
