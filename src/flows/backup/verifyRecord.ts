import { existsSync } from "node:fs";
import type { Executor } from "../../store/database.ts";
import { blobPath } from "../../store/evidenceBlobs.ts";
import { casesAfter, heldEvidenceBlobs, type RecordCounts, recordCounts } from "../../store/recordFacts.ts";
import { verifyCaseChain } from "../cases/verifyCaseChain.ts";
import { hashFile } from "./backupManifest.ts";

const CASES_PER_PAGE = 500;

export interface RecordVerification {
  counts: RecordCounts;
  chainsIntact: number;
  blobsHeld: number;
  blobsIntact: number;
  /** One line per failure, naming the case or the evidence entry. */
  failures: string[];
}

/** Recomputes every case's hash chain and every held evidence blob's SHA-256, naming each failure. */
export async function verifyRecord(db: Executor, evidenceDir: string): Promise<RecordVerification> {
  const failures: string[] = [];
  let chainsIntact = 0;
  for (let page = casesAfter(db, 0, CASES_PER_PAGE); page.length > 0; ) {
    for (const record of page) {
      const { verdict } = await verifyCaseChain(db, record.id);
      if (verdict.ok) chainsIntact++;
      else failures.push(`${record.humanId}: timeline chain broken at event #${verdict.seq} (${verdict.reason})`);
    }
    page = casesAfter(db, page.at(-1)?.id ?? 0, CASES_PER_PAGE);
  }
  const blobs = heldEvidenceBlobs(db);
  let blobsIntact = 0;
  for (const blob of blobs) {
    const path = blobPath(evidenceDir, blob.sha256);
    if (!existsSync(path)) {
      failures.push(`${blob.usedBy}: evidence file ${blob.sha256} missing`);
      continue;
    }
    const actual = await hashFile(path);
    if (actual.sha256 === blob.sha256) blobsIntact++;
    else failures.push(`${blob.usedBy}: evidence file ${blob.sha256} has other bytes (SHA-256 ${actual.sha256})`);
  }
  return { counts: recordCounts(db), chainsIntact, blobsHeld: blobs.length, blobsIntact, failures };
}
