import { z } from "zod";
import { DomainError, fail } from "../../core/domainError.ts";
import { EVIDENCE_LIMITS } from "../../core/evidence.ts";
import { formatBytes } from "../../core/formatBytes.ts";
import type { StoredEvidenceFile } from "../../flows/evidence/addEvidence.ts";
import { storeEvidenceBlob } from "../../flows/evidence/storeEvidenceBlob.ts";
import { classifyFailure } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

/** A stalled file host must not hold the job's lease forever. */
const DOWNLOAD_TIMEOUT_MS = 20_000;

/** Where Slack serves `url_private` (https://api.slack.com/types/file): the only file host the bot token may reach. */
const SLACK_FILE_ORIGIN = "https://files.slack.com";

/** What the bot needs from `files.info`; parsed, since it comes from outside. */
const slackFileInfo = z.object({
  file: z.object({
    id: z.string(),
    name: z.string().min(1).catch("unnamed file"),
    mimetype: z.string().min(1).catch("application/octet-stream"),
    size: z.number().int().nonnegative(),
    url_private: z.url({ protocol: /^https?$/ }),
  }),
});

const fileError = (message: string): never => fail("invalid_input", message, { field: "files" });

/** A download that may work if tried again (Slack or its file host answered 5xx, the network failed); the message names the file. */
export class RetryableDownloadError extends Error {
  override readonly name = "RetryableDownloadError";
}
const retryable = (message: string): never => {
  throw new RetryableDownloadError(message);
};

/** Fetches one file a user uploaded in a modal, with the bot token, and stores it by SHA-256. */
export async function downloadSlackFile(deps: SlackDeps, fileId: string): Promise<StoredEvidenceFile> {
  const max = EVIDENCE_LIMITS.fileBytesMax;
  const answer = await deps.slack.files.info({ file: fileId }).catch((error: unknown) => {
    const failure = classifyFailure(error);
    const message = `Slack did not show the bot an uploaded file (${failure.detail}).`;
    // A 429 goes back to the runner as is, so it waits as Slack asked.
    if (failure.kind === "rate_limited") throw error;
    return failure.kind === "permanent" ? fileError(message) : retryable(message);
  });
  const parsed = slackFileInfo.safeParse(answer);
  if (!parsed.success) return fileError("Slack described an uploaded file in a way the bot did not understand.");
  const { file } = parsed.data;
  const name = file.name.length > 80 ? `${file.name.slice(0, 79)}…` : file.name;
  const tooLarge = (size: string) => `${name} is ${size}; each file can be at most ${formatBytes(max)}.`;
  if (file.size > max) fileError(tooLarge(formatBytes(file.size)));
  const origin = new URL(file.url_private).origin;
  if (!mayCarryBotToken(origin, deps.config.slack.apiUrl)) {
    deps.log.warn({ slackFileId: file.id, origin }, "refused to send the bot token to a file URL outside Slack");
    fileError(`${name} is not on Slack's file server, so the bot did not download it. Upload it in Slack again.`);
  }

  const failed = (error: unknown) => retryable(`Downloading ${name} failed (${describeFetchError(error)}).`);
  const refused = `Slack did not let the bot download ${name}: it sent its sign-in page, so the bot token was not accepted.`;
  // Never follow a redirect: it would carry the bot token elsewhere, and from Slack it means "sign in".
  const response = await fetch(file.url_private, {
    headers: { Authorization: `Bearer ${deps.config.slack.botToken}` },
    redirect: "manual",
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  }).catch(failed);
  const html = (response.headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
  if ((response.status >= 300 && response.status < 400) || (response.ok && html)) {
    await response.body?.cancel();
    fileError(refused);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    const message = `Downloading ${name} failed: Slack answered HTTP ${response.status}.`;
    if (response.status >= 500) retryable(message);
    fileError(message);
  }

  async function* counted(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    let seen = 0;
    try {
      for await (const chunk of body) {
        seen += chunk.byteLength;
        // The size files.info reported is a claim; the bytes that arrive are the fact.
        if (seen > max) fileError(tooLarge(`more than ${formatBytes(max)}`));
        yield chunk;
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      failed(error);
    }
  }
  const stored = await storeEvidenceBlob(deps, counted(response.body as AsyncIterable<Uint8Array>));
  return { ...stored, name: file.name, mimeType: file.mimetype, slackFileId: file.id };
}

/** Slack's file host, or the Web API's own host (the stand-in in tests, a proxy in front of Slack). */
function mayCarryBotToken(origin: string, apiUrl: string): boolean {
  return origin === SLACK_FILE_ORIGIN || origin === new URL(apiUrl).origin;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "Slack took too long to send it";
  return error instanceof Error ? error.message : "network error";
}
