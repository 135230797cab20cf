import { z } from "zod";

const slackId = /^[A-Z][A-Z0-9]{2,}$/;

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-\S+$/, "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: z.string().min(1, "must be the app's signing secret").optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, "must be an app-level token starting with xapp-")
    .optional(),
  SLACK_API_URL: z
    .url({ message: "must be an http(s) URL such as https://slack.com/api/" })
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL such as https://slack.com/api/")
    .default("https://slack.com/api/"),
  PORT: z.coerce
    .number({ message: "must be a port number from 0 to 65535" })
    .int("must be a port number from 0 to 65535")
    .min(0, "must be a port number from 0 to 65535")
    .max(65535, "must be a port number from 0 to 65535")
    .default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/incident-desk.sqlite"),
  EVIDENCE_DIR: z.string().min(1).default("./data/evidence"),
  TRIAGE_CHANNEL_ID: z.string().regex(slackId, "must be a Slack channel id such as C0123456789"),
  ESCALATION_CHANNEL_ID: z.string().regex(slackId, "must be a Slack channel id such as C0123456789").optional(),
  REPORT_CHANNEL_ID: z.string().regex(slackId, "must be a Slack channel id such as C0123456789").optional(),
  ADMIN_USER_IDS: z
    .string()
    .default("")
    .transform((raw): readonly string[] =>
      raw
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    )
    .refine((ids) => ids.every((id) => slackId.test(id)), "must be comma-separated Slack user ids such as U012ABC"),
  BUSINESS_TZ: z
    .string()
    .default("America/Los_Angeles")
    .refine(isIanaZone, "must be an IANA time zone such as America/Los_Angeles"),
  ZENDESK_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // Zendesk subdomains are letters, digits and hyphens: the {subdomain} of https://{subdomain}.zendesk.com.
  ZENDESK_SUBDOMAIN: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, "must be the subdomain only, such as acme for acme.zendesk.com")
    .optional(),
  ZENDESK_API_EMAIL: z.email({ message: "must be the email address of the agent who owns the API token" }).optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
  ZENDESK_API_URL: z
    .url({ message: "must be an http(s) URL such as https://acme.zendesk.com" })
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL such as https://acme.zendesk.com")
    .optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  WAR_ROOM_PRIVATE: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("true")
    .transform((value) => value === "true"),
  WAR_ROOM_ARCHIVE_GRACE_HOURS: z.coerce
    .number({ message: "must be a number of hours from 0 to 720" })
    .min(0, "must be a number of hours from 0 to 720")
    .max(720, "must be a number of hours from 0 to 720")
    .default(24),
  JOB_LEASE_SECONDS: z.coerce
    .number({ message: "must be a whole number of seconds from 1 to 3600" })
    .int("must be a whole number of seconds from 1 to 3600")
    .min(1, "must be a whole number of seconds from 1 to 3600")
    .max(3600, "must be a whole number of seconds from 1 to 3600")
    .default(60),
  SHIFT_REMINDER_LEAD_HOURS: z.coerce
    .number({ message: "must be a number of hours from 0 to 168" })
    .min(0, "must be a number of hours from 0 to 168")
    .max(168, "must be a number of hours from 0 to 168")
    .default(12),
  // Off by default: redaction cannot be undone, and on a desk with years of history its first run redacts every
  // case already past its period; an operator turns it on once counsel has agreed the periods.
  RETENTION_REDACTION: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY_HOURS: z.coerce
    .number({ message: "must be a whole number of hours from 1 to 720" })
    .int("must be a whole number of hours from 1 to 720")
    .min(1, "must be a whole number of hours from 1 to 720")
    .max(720, "must be a whole number of hours from 1 to 720")
    .default(24),
  BACKUP_KEEP: z.coerce
    .number({ message: "must be a whole number of backups from 1 to 1000" })
    .int("must be a whole number of backups from 1 to 1000")
    .min(1, "must be a whole number of backups from 1 to 1000")
    .max(1000, "must be a whole number of backups from 1 to 1000")
    .default(14),
});

// The subdomain alone links cases to their tickets; notes need the agent's email and token too, both or neither:
// a half-set token would look configured and fail on every note.
const ZENDESK_API_VARIABLES = ["ZENDESK_SUBDOMAIN", "ZENDESK_API_EMAIL", "ZENDESK_API_TOKEN"] as const;

type Env = z.infer<typeof envSchema>;

/** The Zendesk API the notes go to; ZENDESK_API_URL points tests and the demo at a stand-in. */
function zendeskApi(e: Env): { apiUrl: string; email: string; apiToken: string } | undefined {
  if (!e.ZENDESK_SUBDOMAIN || !e.ZENDESK_API_EMAIL || !e.ZENDESK_API_TOKEN) return undefined;
  const apiUrl = (e.ZENDESK_API_URL ?? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com`).replace(/\/+$/, "");
  return { apiUrl, email: e.ZENDESK_API_EMAIL, apiToken: e.ZENDESK_API_TOKEN };
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The environment, checked, turned into the nested settings the app reads. */
const configSchema = envSchema
  .refine((e) => e.SLACK_APP_TOKEN !== undefined || e.SLACK_SIGNING_SECRET !== undefined, {
    path: ["SLACK_SIGNING_SECRET"],
    message: "is required in HTTP mode (set it, or SLACK_APP_TOKEN for Socket Mode)",
  })
  .superRefine((e, ctx) => {
    const credentials = [e.ZENDESK_API_EMAIL, e.ZENDESK_API_TOKEN].filter((v) => v !== undefined).length;
    const missing = ZENDESK_API_VARIABLES.filter((name) => e[name] === undefined);
    if (credentials > 0 && missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: [missing[0] ?? "ZENDESK_API_TOKEN"],
        message: `is required when ZENDESK_API_EMAIL or ZENDESK_API_TOKEN is set (set ${ZENDESK_API_VARIABLES.join(", ")} for Zendesk notes)`,
      });
    }
    if (credentials === 0 && e.ZENDESK_API_URL !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ZENDESK_API_URL"],
        message: `needs ${ZENDESK_API_VARIABLES.join(", ")} too (it only points them elsewhere)`,
      });
    }
  })
  .transform((e) => ({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      triageChannelId: e.TRIAGE_CHANNEL_ID,
      escalationChannelId: e.ESCALATION_CHANNEL_ID ?? e.TRIAGE_CHANNEL_ID,
      /** Where the weekly report goes every Monday at 09:00 business time; unset, no weekly report. */
      reportChannelId: e.REPORT_CHANNEL_ID,
      warRoomsPrivate: e.WAR_ROOM_PRIVATE,
      /** How long a closed case's war room stays open before it is archived. */
      archiveGraceMs: e.WAR_ROOM_ARCHIVE_GRACE_HOURS * 60 * 60_000,
    },
    http: { port: e.PORT },
    db: { path: e.DATABASE_PATH },
    evidenceDir: e.EVIDENCE_DIR,
    adminUserIds: e.ADMIN_USER_IDS,
    businessTimeZone: e.BUSINESS_TZ,
    zendeskWebhookSecret: e.ZENDESK_WEBHOOK_SECRET,
    /** Internal notes on a case's Zendesk ticket, when the API token is set: undefined means no notes and no jobs. */
    zendesk: zendeskApi(e),
    /** Links a case to its ticket (https://<subdomain>.zendesk.com/agent/tickets/<id>) when set. */
    zendeskSubdomain: e.ZENDESK_SUBDOMAIN,
    logLevel: e.LOG_LEVEL,
    jobs: { leaseMs: e.JOB_LEASE_SECONDS * 1000 },
    /** How long before a weekend or holiday on-call shift its person gets a reminder. */
    onCall: { shiftReminderLeadMs: e.SHIFT_REMINDER_LEAD_HOURS * 60 * 60_000 },
    /** Whether the daily retention job redacts closed cases past their category's period. */
    retention: { redact: e.RETENTION_REDACTION },
    /** Scheduled backups, when BACKUP_DIR is set: every `everyMs`, the newest `keep` kept. */
    backup: e.BACKUP_DIR
      ? { dir: e.BACKUP_DIR, everyMs: e.BACKUP_EVERY_HOURS * 60 * 60_000, keep: e.BACKUP_KEEP }
      : undefined,
  }));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Reads the environment once; a bad variable fails with one line that names it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const why = issue?.code === "invalid_type" && cleaned[name] === undefined ? "is required" : issue?.message;
    throw new ConfigError(`${name} ${why}`);
  }
  return parsed.data;
}
