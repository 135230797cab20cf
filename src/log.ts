import pino from "pino";

export type Logger = pino.Logger;

/**
 * Structured logs for operators. Log ids and codes (case, job, Slack method, error), never message
 * text or names; the redaction below is a second line of defence for tokens and free text.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "incident-desk" },
      redact: {
        paths: [
          "token",
          "*.token",
          "botToken",
          "*.botToken",
          "headers.authorization",
          "*.headers.authorization",
          "text",
          "*.text",
          "title",
          "*.title",
          "description",
          "*.description",
          "displayName",
          "*.displayName",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
