/** Arrange and read steps for `/incident export decisions`: decisions on record, and the export's progress message. */
import { caseParties, decisions, sanctionProposals } from "../../db/schema.ts";
import type { SanctionRung } from "../../src/core/sanctions.ts";
import { statementOfDecision } from "../../src/flows/sanctions/statementOfDecision.ts";
import { getCaseByHumanId } from "../../src/store/cases.ts";
import { inTransaction } from "../../src/store/database.ts";
import type { StoredMessage } from "../slack-fake/types.ts";
import { type Harness, USERS } from "./harness.ts";

export const EXPORT_CASE = "TS-2026-0001";
export const EXPORT_FACTS = '=HYPERLINK("http://evil") pro sent threats, then "apologised",\nafter the job';

/**
 * The decisions the sanction flows would record on the case, stored as they store them: around March 2026,
 * with a warning in March that restricts nothing (on the record, but no statement of reasons).
 */
export const MARCH_DECISIONS: ReadonlyArray<[number, SanctionRung]> = [
  [Date.UTC(2026, 1, 28, 23, 59), "suspension_7d"],
  [Date.UTC(2026, 2, 1), "suspension_7d"],
  [Date.UTC(2026, 2, 15), "warning"],
  [Date.UTC(2026, 2, 31, 23, 59), "suspension_7d"],
  [Date.UTC(2026, 3, 1), "suspension_7d"],
];

/** Writes `decided` on the harness's first case (opened by the test), puids `ts-decision-1`, `-2`, … */
export function recordDecisions(h: Harness, decided: ReadonlyArray<[number, SanctionRung]> = MARCH_DECISIONS): void {
  inTransaction(h.desk.deps.db, (tx) => {
    const record = getCaseByHumanId(tx, EXPORT_CASE);
    const party = tx
      .select()
      .from(caseParties)
      .all()
      .find((p) => p.partyRole === "respondent");
    if (!record || !party) throw new Error("arrange failed");
    decided.forEach(([decidedAt, rung], i) => {
      const proposal = tx
        .insert(sanctionProposals)
        .values({
          caseId: record.id,
          seq: i + 1,
          kind: "sanction",
          accountId: party.accountId,
          rung,
          clauses: ["CG-2.1"],
          facts: EXPORT_FACTS,
          evidenceIds: [],
          guaranteeClaim: false,
          legalFlag: false,
          status: "approved",
          proposedBy: USERS.specialist,
          proposedAt: decidedAt - 60_000,
          decidedAt,
        })
        .returning()
        .get();
      const puid = `ts-decision-${i + 1}`;
      const appliesUntil = rung === "warning" ? null : decidedAt + 7 * 24 * 60 * 60_000;
      const decision = { rung, puid, appliesFrom: decidedAt, appliesUntil };
      tx.insert(decisions)
        .values({
          ...decision,
          caseId: record.id,
          proposalId: proposal.id,
          accountId: party.accountId,
          statement: statementOfDecision({ record, proposal, decision }),
          decidedAt,
        })
        .run();
    });
  });
}

const PROGRESS = /^(Building the export|Exported|No statements of reasons|The export failed)/;

/** The export's progress messages in a conversation, as they read now (the job edits them in place). */
export const exportProgressMessages = (h: Harness, channelId: string): StoredMessage[] =>
  h.fake.messages(channelId).filter((m) => !m.files?.length && PROGRESS.test(m.text));

/** The contents of the uploaded file whose name ends with `suffix`, as shared by completeUploadExternal. */
export function uploadedFile(h: Harness, suffix: string): string {
  const file = h.fake.callsTo("files.getUploadURLExternal").find((c) => String(c.args.filename).endsWith(suffix));
  const completed = h.fake.callsTo("files.completeUploadExternal").find((c) => c.ok);
  const shared = (completed?.args.files as Array<{ id: string }> | undefined)?.map((f) => f.id) ?? [];
  const id = shared.find((fileId) => h.fake.file(fileId)?.name === file?.args.filename) ?? "";
  return h.fake.fileContent(id)?.toString("utf8") ?? "";
}
