import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const minimal = { SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: "secret", TRIAGE_CHANNEL_ID: "C0TRIAGE" };

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("fills every default from the runtime contract", () => {
    const config = loadConfig(minimal);
    expect(config.http.port).toBe(3000);
    expect(config.db.path).toBe("./data/incident-desk.sqlite");
    expect(config.evidenceDir).toBe("./data/evidence");
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.slack.escalationChannelId).toBe("C0TRIAGE");
    expect(config.businessTimeZone).toBe("America/Los_Angeles");
    expect(config.adminUserIds).toEqual([]);
    expect(config.slack.warRoomsPrivate).toBe(true);
  });

  it("parses admin ids and adds the trailing slash to the API URL", () => {
    const config = loadConfig({ ...minimal, ADMIN_USER_IDS: "U01, U02 ,", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(config.adminUserIds).toEqual(["U01", "U02"]);
    expect(config.slack.apiUrl).toBe("http://127.0.0.1:9/api/");
  });

  it.each([
    [{ SLACK_BOT_TOKEN: undefined }, /^SLACK_BOT_TOKEN is required$/],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, /^SLACK_BOT_TOKEN must be a bot token/],
    [{ TRIAGE_CHANNEL_ID: undefined }, /^TRIAGE_CHANNEL_ID is required$/],
    [{ TRIAGE_CHANNEL_ID: "#triage" }, /^TRIAGE_CHANNEL_ID must be a Slack channel id/],
    [{ PORT: "eighty" }, /^PORT must be a port number/],
    [{ PORT: "70000" }, /^PORT must be a port number/],
    [{ BUSINESS_TZ: "Mars/Olympus" }, /^BUSINESS_TZ must be an IANA time zone/],
    [{ SLACK_API_URL: "ftp://example.com" }, /^SLACK_API_URL must be an http\(s\) URL/],
    [{ ADMIN_USER_IDS: "U01,dana" }, /^ADMIN_USER_IDS must be comma-separated Slack user ids/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL /],
    [{ SLACK_SIGNING_SECRET: undefined }, /^SLACK_SIGNING_SECRET is required in HTTP mode/],
    [{ ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_EMAIL: "bot@acme.com" }, /^ZENDESK_API_TOKEN is required when /],
    [{ ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_TOKEN: "t" }, /^ZENDESK_API_EMAIL is required when /],
    [{ ZENDESK_API_EMAIL: "bot@acme.com", ZENDESK_API_TOKEN: "t" }, /^ZENDESK_SUBDOMAIN is required when /],
    [{ ZENDESK_API_URL: "http://127.0.0.1:9" }, /^ZENDESK_API_URL needs ZENDESK_SUBDOMAIN, /],
    [{ ZENDESK_SUBDOMAIN: "acme.zendesk.com" }, /^ZENDESK_SUBDOMAIN must be the subdomain only/],
  ])("names the variable in one line: %j", (patch, message) => {
    const env = Object.fromEntries(
      Object.entries({ ...minimal, ...patch }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const text = errorOf(env);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("leaves Zendesk notes off without its variables, and builds the API from the subdomain with them", () => {
    expect(loadConfig(minimal).zendesk).toBeUndefined();
    // The subdomain alone only links cases to their tickets.
    expect(loadConfig({ ...minimal, ZENDESK_SUBDOMAIN: "acme" })).toMatchObject({
      zendesk: undefined,
      zendeskSubdomain: "acme",
    });
    const zendesk = { ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_EMAIL: "bot@acme.com", ZENDESK_API_TOKEN: "t0k" };
    expect(loadConfig({ ...minimal, ...zendesk }).zendesk).toEqual({
      apiUrl: "https://acme.zendesk.com",
      email: "bot@acme.com",
      apiToken: "t0k",
    });
    expect(loadConfig({ ...minimal, ...zendesk, ZENDESK_API_URL: "http://127.0.0.1:9/" }).zendesk?.apiUrl).toBe(
      "http://127.0.0.1:9",
    );
  });

  it("accepts Socket Mode without a signing secret", () => {
    const { SLACK_SIGNING_SECRET: _, ...rest } = minimal;
    expect(loadConfig({ ...rest, SLACK_APP_TOKEN: "xapp-1-2" }).slack.appToken).toBe("xapp-1-2");
  });
});
