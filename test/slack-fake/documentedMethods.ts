/**
 * Slack's reference for every Web API method the bot calls (methods.json beside this file): HTTP verb, required
 * and optional arguments, documented error codes. Extracted from slackapi/slack-api-specs
 * `web-api/slack_web_openapi_v2.json`, plus files.getUploadURLExternal and files.completeUploadExternal from
 * Slack's method reference (https://docs.slack.dev/reference/methods/), which that spec predates.
 */
import { readFileSync } from "node:fs";

export interface DocumentedMethod {
  http: "GET" | "POST";
  required: string[];
  optional: string[];
  errors: string[];
}

export const DOCUMENTED_METHODS: Readonly<Record<string, DocumentedMethod>> = JSON.parse(
  readFileSync(new URL("./methods.json", import.meta.url), "utf8"),
);
