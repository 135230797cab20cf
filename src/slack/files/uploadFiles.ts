import { fail } from "../../core/domainError.ts";
import type { SlackDeps } from "../slackDeps.ts";

/** A file to share: text (a CSV, a JSON export) or bytes (a PNG chart). */
export interface FileToUpload {
  filename: string;
  title: string;
  content: string | Uint8Array;
}

/**
 * Uploads the files the way Slack asks since files.upload was retired: a URL per file, the bytes POSTed
 * to it, then one completeUploadExternal that shares them all into the channel with the comment. Returns the
 * shared files' ids.
 */
export async function uploadFiles(
  deps: SlackDeps,
  input: { channelId: string; files: readonly FileToUpload[]; comment: string },
): Promise<string[]> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of input.files) {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
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
  return uploaded.map((file) => file.id);
}
