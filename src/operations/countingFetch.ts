import type { FetchFunction } from "@slack/web-api";
import { z } from "zod";

/** What a Web API call came to: `ok`, Slack's error code, `rate_limited` (429), or a transport failure. */
export type RecordSlackCall = (method: string, outcome: string) => void;

// Slack answers every Web API call with a JSON object carrying `ok` and, when false, `error`
// (https://docs.slack.dev/apis/web-api/#responses).
const webApiAnswer = z.object({ ok: z.boolean(), error: z.string().optional() });

const OK_ANSWER_START = '{"ok":true,';

async function outcomeOf(response: Response): Promise<string> {
  if (response.status === 429) return "rate_limited";
  if (response.status !== 200) return `http_${response.status}`;
  const text = await response.clone().text();
  // Nearly every answer is a success, which Slack writes compactly with `ok` first: no need to parse it whole.
  if (text.startsWith(OK_ANSWER_START)) return "ok";
  const answer = webApiAnswer.safeParse(parseJson(text));
  if (!answer.success) return "unreadable_answer";
  return answer.data.ok ? "ok" : (answer.data.error ?? "unknown_error");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * A `fetch` for the WebClient's documented `fetch` option (transport-level hook): it counts every Web API call
 * by method and outcome, for our client and Bolt's alike, and hands the client the untouched response.
 */
export function countingFetch(apiUrl: string, record: RecordSlackCall): FetchFunction {
  return async (url, init) => {
    const target = String(url);
    // Uploads to files.getUploadURLExternal's URL and file downloads are not Web API methods.
    if (!target.startsWith(apiUrl)) return fetch(url, init);
    const method = target.slice(apiUrl.length).split("?")[0] ?? "";
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      record(method, "request_error");
      throw error;
    }
    record(method, await outcomeOf(response));
    return response;
  };
}
