import { openAsBlob } from "node:fs";
import { fail } from "../../core/domainError.ts";
import type { SlackDeps } from "../slackDeps.ts";

/**
 * A file to share: text (a CSV) or bytes (a PNG chart) held in memory, or a file on disk (a decision export of
 * tens of megabytes), streamed from disk as it is posted.
 */
export type FileToUpload = { filename: string; title: string } & ({ content: string | Uint8Array } | { path: string });

/** The bytes to POST, as a Blob: one backed by the file on disk is read as it is sent, never held whole. */
async function bodyOf(file: FileToUpload): Promise<Blob> {
  if ("path" in file) return openAsBlob(file.path);
  // A copy on an ArrayBuffer of its own: a Blob takes no view of a SharedArrayBuffer.
  return new Blob([typeof file.content === "string" ? file.content : Uint8Array.from(file.content)]);
}

/**
 * Uploads the files the way Slack asks since files.upload was retired: a URL per file, the bytes POSTed
 * to it, then one completeUploadExternal that shares them all into the channel with the comment. Returns the
 * shared files' ids.
 */
export async function uploadFiles(
  deps: Pick<SlackDeps, "slack">,
  input: { channelId: string; files: readonly FileToUpload[]; comment: string },
): Promise<string[]> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of input.files) {
    const body = await bodyOf(file);
    const target = await deps.slack.files.getUploadURLExternal({ filename: file.filename, length: body.size });
    const uploadUrl = target.upload_url ?? fail("conflict", "Slack gave no upload URL");
    const fileId = target.file_id ?? fail("conflict", "Slack gave no file id");
    const response = await fetch(uploadUrl, { method: "POST", body });
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
