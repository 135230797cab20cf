import type { FetchFunction } from "@slack/web-api";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { FlowDeps } from "../flows/deps.ts";
import { loadClosedCaseCounts, loadOperationalCounts } from "../flows/health/loadOperationalCounts.ts";
import { countingFetch } from "./countingFetch.ts";

/** The Slack surfaces a request arrives on, each timed apart: their answers have different budgets. */
export type RequestSurface = "command" | "action" | "view_submission" | "view_closed" | "event" | "options";

/**
 * The Prometheus metrics of one running desk, in a registry of its own (tests run several desks in one
 * process). Counters and histograms are fed as things happen; gauges of the record are read at each scrape.
 */
export class DeskMetrics {
  readonly registry = new Registry();
  readonly slackFetch: FetchFunction;

  private readonly slackApiCalls = new Counter({
    name: "incident_desk_slack_api_calls_total",
    help: "Slack Web API calls by method and outcome: ok, Slack's error code, rate_limited (429), http_<status>, request_error",
    labelNames: ["method", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly slaBreaches = new Counter({
    name: "incident_desk_sla_breaches_total",
    help: "SLA breach reminders posted (a clock reached 100 % of its target), by clock",
    labelNames: ["clock"] as const,
    registers: [this.registry],
  });
  private readonly pageAckSeconds = new Histogram({
    name: "incident_desk_page_ack_seconds",
    help: "Time from a page to its acknowledgement",
    buckets: [30, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: "incident_desk_slack_request_duration_seconds",
    help: "Time from a Slack request's arrival to the bot's answer, by surface (Slack waits 3 s)",
    labelNames: ["surface"] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  private readonly writeTransactionSeconds = new Histogram({
    name: "incident_desk_db_write_transaction_seconds",
    help: "Time each database write transaction held the event loop and the write lock, BEGIN to COMMIT",
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  private readonly openCases = new Gauge({
    name: "incident_desk_open_cases",
    help: "Open cases by status and severity, read at scrape",
    labelNames: ["status", "severity"] as const,
    registers: [this.registry],
  });
  private readonly closedCases = new Gauge({
    name: "incident_desk_closed_cases",
    help: "Closed cases by status, read at scrape",
    labelNames: ["status"] as const,
    registers: [this.registry],
  });
  private readonly pendingJobs = new Gauge({
    name: "incident_desk_jobs_pending",
    help: "Jobs not yet done nor given up on (due or planned)",
    registers: [this.registry],
  });
  private readonly oldestDueJobAge = new Gauge({
    name: "incident_desk_jobs_oldest_due_age_seconds",
    help: "How long the oldest due job has waited to run (0 when none is due)",
    registers: [this.registry],
  });

  constructor(apiUrl: string) {
    collectDefaultMetrics({ register: this.registry, prefix: "incident_desk_" });
    this.slackFetch = countingFetch(apiUrl, (method, outcome) => this.slackApiCalls.inc({ method, outcome }));
  }

  slaBreached(clock: string): void {
    this.slaBreaches.inc({ clock });
  }

  pageAcknowledged(afterMs: number): void {
    this.pageAckSeconds.observe(afterMs / 1000);
  }

  requestAnswered(surface: RequestSurface, tookMs: number): void {
    this.requestSeconds.observe({ surface }, tookMs / 1000);
  }

  writeTransactionTook(ms: number): void {
    this.writeTransactionSeconds.observe(ms / 1000);
  }

  /** The Prometheus text exposition, with the record's gauges read now. */
  async scrape(deps: FlowDeps): Promise<{ contentType: string; text: string }> {
    this.readRecordGauges(deps);
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  private readRecordGauges(deps: FlowDeps): void {
    const counts = loadOperationalCounts(deps);
    this.openCases.reset();
    for (const row of counts.openCases) this.openCases.set({ status: row.status, severity: row.severity }, row.cases);
    this.pendingJobs.set(counts.pendingJobs);
    this.oldestDueJobAge.set(counts.oldestDueJobAgeMs / 1000);
    this.closedCases.reset();
    for (const row of loadClosedCaseCounts(deps)) this.closedCases.set({ status: row.status }, row.cases);
  }
}
