import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";

/**
 * Modals about a case carry its id in `private_metadata` (≤ 3000 chars); extra keys (a consult id,
 * an evidence id) ride along. Parsed with zod on the way back: the payload comes from outside.
 */
const caseMetadata = z.object({ caseId: z.number().int().positive() }).catchall(z.union([z.string(), z.number()]));
export type CaseMetadata = z.infer<typeof caseMetadata>;

export function writeCaseMetadata(record: CaseRow, extra: Record<string, string | number> = {}): string {
  return JSON.stringify({ ...extra, caseId: record.id });
}

// Text that is not JSON is a malformed payload too: a ZodError, answered as one, never an unexpected failure.
const caseMetadataText = z
  .string()
  .transform((text, context): unknown => {
    try {
      return JSON.parse(text || "{}");
    } catch {
      context.addIssue({ code: "custom", message: "private_metadata is not JSON" });
      return z.NEVER;
    }
  })
  .pipe(caseMetadata);

export function readCaseMetadata(privateMetadata: string): CaseMetadata {
  return caseMetadataText.parse(privateMetadata);
}
