import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { moveCase } from "../support/caseState.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";
import { parsePrometheusText, type Sample, sampleValue } from "../support/prometheusText.ts";

describe("/metrics", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function scrape(): Promise<Sample[]> {
    const res = await fetch(`${h.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  }

  const apiCalls = (samples: Sample[], method: string, outcome: string) =>
    sampleValue(samples, "incident_desk_slack_api_calls_total", { method, outcome }) ?? 0;

  it("counts a 429 from Slack under the method's rate_limited outcome, and the retry that then succeeds as ok", async () => {
    await submitIntake(h, intakeValues());
    h.fake.inject("chat.postMessage", { status: 429, retryAfter: 30 });
    await h.settle();

    const samples = await scrape();
    expect(apiCalls(samples, "chat.postMessage", "rate_limited")).toBe(1);
    const posted = h.fake.callsTo("chat.postMessage").filter((call) => call.ok).length;
    expect(apiCalls(samples, "chat.postMessage", "ok")).toBe(posted);
    // Bolt's own client (the listener's views.open) is counted as well as the job runner's.
    expect(apiCalls(samples, "views.open", "ok")).toBe(1);
  });

  it("counts Slack's error code as the outcome of a refused call", async () => {
    await submitIntake(h, intakeValues());
    h.fake.inject("chat.postMessage", { error: "channel_not_found" });
    await h.settle();

    expect(apiCalls(await scrape(), "chat.postMessage", "channel_not_found")).toBe(1);
  });

  it("shows open cases by status and severity and the job backlog, read at the scrape", async () => {
    await submitIntake(h, intakeValues({ severity: "sev3" }));
    h.clock.advance(90_000);

    const queued = await scrape();
    expect(sampleValue(queued, "incident_desk_open_cases", { status: "new", severity: "sev3" })).toBe(1);
    expect(sampleValue(queued, "incident_desk_jobs_pending")).toBeGreaterThan(0);
    expect(sampleValue(queued, "incident_desk_jobs_oldest_due_age_seconds")).toBe(90);

    await h.settle();
    expect(sampleValue(await scrape(), "incident_desk_jobs_oldest_due_age_seconds")).toBe(0);
  });

  it("shows closed cases by status beside the open ones, both from the kept counts", async () => {
    await submitIntake(h, intakeValues({ severity: "sev3" }));
    await submitIntake(h, intakeValues({ severity: "sev2", title: "Pro kept the deposit for a job never done" }));
    const [first, second] = caseRows(h);
    moveCase(h, String(first?.human_id), "merged", USERS.specialist);

    const samples = await scrape();
    // The pair whose only case moved on keeps a row at 0 in the counts: no gauge for it.
    expect(sampleValue(samples, "incident_desk_open_cases", { status: "new", severity: "sev3" })).toBeUndefined();
    const open = { status: String(second?.status), severity: "sev2" };
    expect(sampleValue(samples, "incident_desk_open_cases", open)).toBe(1);
    expect(sampleValue(samples, "incident_desk_closed_cases", { status: "merged" })).toBe(1);
    expect(sampleValue(samples, "incident_desk_closed_cases", { status: "closed" })).toBeUndefined();
  });

  it("times each Slack request under its surface", async () => {
    await submitIntake(h, intakeValues());

    const samples = await scrape();
    const answered = (surface: string) =>
      sampleValue(samples, "incident_desk_slack_request_duration_seconds_count", { surface });
    expect(answered("command")).toBe(1);
    expect(answered("view_submission")).toBe(1);
    expect(answered("action")).toBeUndefined();
  });

  it("times the database's write transactions", async () => {
    const before = sampleValue(await scrape(), "incident_desk_db_write_transaction_seconds_count") ?? 0;
    await submitIntake(h, intakeValues());

    const samples = await scrape();
    const count = sampleValue(samples, "incident_desk_db_write_transaction_seconds_count") ?? 0;
    expect(count).toBeGreaterThan(before);
    // Every transaction lands in the last bucket, whatever it took.
    expect(sampleValue(samples, "incident_desk_db_write_transaction_seconds_bucket", { le: "+Inf" })).toBe(count);
  });
});
