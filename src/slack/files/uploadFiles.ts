import { createReadStream, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { fail } from "../../core/domainError.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

/**
 * A file to share: text (a CSV) or bytes (a PNG chart) held in memory, or a file on disk (a decision export of
 * tens of megabytes), streamed from disk as it is posted.
 */
export type FileToUpload = { filename: string; title: string } & ({ content: string | Uint8Array } | { path: string });

/**
 * POSTs a file from disk as it is read, 64 KB at a time behind the socket's backpressure: fetch with a file-backed
 * Blob or stream read far ahead of the socket (a 24 MB file held ~67 MB of buffers), which the bot's RSS kept.
 */
async function postFromDisk(url: string, path: string, length: number): Promise<number> {
  const target = new URL(url);
  const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", "content-length": length },
  });
  const answered = new Promise<number>((resolve, reject) => {
    request.once("response", (response) => {
      // The answer's body says nothing we use; read to its end so the connection is released.
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
      response.once("error", reject);
    });
    request.once("error", reject);
  });
  await pipeline(createReadStream(path), request);
  return answered;
}

/** What is POSTed: a file on disk, or the bytes held in memory as a Blob. */
type UploadBody = { path: string; length: number } | { blob: Blob; length: number };

function bodyOf(file: FileToUpload): UploadBody {
  if ("path" in file) return { path: file.path, length: statSync(file.path).size };
  // A copy on an ArrayBuffer of its own: a Blob takes no view of a SharedArrayBuffer.
  const blob = new Blob([typeof file.content === "string" ? file.content : Uint8Array.from(file.content)]);
  return { blob, length: blob.size };
}

/** POSTs one file's bytes to its upload URL; the HTTP status Slack answered. */
async function postBytes(url: string, body: UploadBody): Promise<number> {
  if ("path" in body) return postFromDisk(url, body.path, body.length);
  return (await fetch(url, { method: "POST", body: body.blob })).status;
}

/**
 * Uploads the files the way Slack asks since files.upload was retired: a URL per file, the bytes POSTed
 * to it, then one completeUploadExternal that shares them all into the channel with the comment. Returns the
 * shared files' ids. `beforeSharing` gets the ids before Slack is asked to share them, for the caller to record:
 * if the answer to that call is lost (a crash, a timeout, a 5xx after Slack shared them), a retry asks
 * `sharedInChannel` instead of sharing a second copy.
 */
export async function uploadFiles(
  deps: Pick<SlackDeps, "slack">,
  input: {
    channelId: string;
    files: readonly FileToUpload[];
    comment: string;
    beforeSharing?: (fileIds: string[]) => void;
  },
): Promise<string[]> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of input.files) {
    const body = bodyOf(file);
    const target = await deps.slack.files.getUploadURLExternal({ filename: file.filename, length: body.length });
    const uploadUrl = target.upload_url ?? fail("conflict", "Slack gave no upload URL");
    const fileId = target.file_id ?? fail("conflict", "Slack gave no file id");
    const status = await postBytes(uploadUrl, body);
    if (status < 200 || status > 299) throw new Error(`upload of ${file.filename} answered HTTP ${status}`);
    uploaded.push({ id: fileId, title: file.title });
  }
  input.beforeSharing?.(uploaded.map((file) => file.id));
  await deps.slack.files.completeUploadExternal({
    files: [uploaded[0] ?? fail("invalid_input", "nothing to upload"), ...uploaded.slice(1)],
    channel_id: input.channelId,
    initial_comment: input.comment,
  });
  return uploaded.map((file) => file.id);
}

/**
 * Where `files.info` says a file is shared: `channels`, `groups` and `ims` list the conversations, and `shares`
 * keys them by public and private (https://docs.slack.dev/reference/objects/file-object); parsed, since it comes
 * from outside, and read both ways.
 */
const fileShares = z.object({
  file: z.object({
    channels: z.array(z.string()).catch([]),
    groups: z.array(z.string()).catch([]),
    ims: z.array(z.string()).catch([]),
    shares: z
      .object({
        public: z.record(z.string(), z.unknown()).catch({}),
        private: z.record(z.string(), z.unknown()).catch({}),
      })
      .partial()
      .catch({}),
  }),
});

/**
 * Whether every one of `fileIds` is already shared in `channelId`: an earlier attempt's completeUploadExternal
 * took effect though its answer never came back. A file Slack does not know (file_not_found: never completed, or
 * its upload expired) is not shared; any other failure is thrown for the job to retry.
 */
export async function sharedInChannel(
  deps: Pick<SlackDeps, "slack">,
  fileIds: readonly string[],
  channelId: string,
): Promise<boolean> {
  if (fileIds.length === 0) return false;
  for (const fileId of fileIds) {
    const answer = await deps.slack.files.info({ file: fileId }).catch((error: unknown) => {
      if (slackErrorCode(error) === "file_not_found") return undefined;
      throw error;
    });
    const parsed = fileShares.safeParse(answer);
    if (!parsed.success) return false;
    const { channels, groups, ims, shares } = parsed.data.file;
    const places = new Set([
      ...channels,
      ...groups,
      ...ims,
      ...Object.keys(shares.public ?? {}),
      ...Object.keys(shares.private ?? {}),
    ]);
    if (!places.has(channelId)) return false;
  }
  return true;
}

/**
 * Shares files once across a job's attempts: when the ids an earlier attempt kept before sharing (`earlier`) are
 * already shared in the channel, those ids; else `files()` uploaded and shared, their ids handed to `beforeSharing`
 * first. A retry after a lost answer shares no second copy, and asks for the files only if it uploads them.
 */
export async function shareFilesOnce(
  deps: Pick<SlackDeps, "slack">,
  input: {
    channelId: string;
    earlier: readonly string[] | null;
    files: () => Promise<readonly FileToUpload[]> | readonly FileToUpload[];
    comment: string;
    beforeSharing: (fileIds: string[]) => void;
  },
): Promise<string[]> {
  const { channelId, earlier, comment, beforeSharing } = input;
  if (earlier !== null && (await sharedInChannel(deps, earlier, channelId))) return [...earlier];
  return uploadFiles(deps, { channelId, files: await input.files(), comment, beforeSharing });
}
