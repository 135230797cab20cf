/**
 * Intake submit → war room ready: for each SEV1 case, the time from submitting the intake modal until the
 * Slack stand-in holds the case's channel with the submitter in it and the summary pinned.
 */
import type { SlackFake, StoredChannel } from "../test/slack-fake/index.ts";
import type { DriverResponse, SlackDriver } from "../test/support/slackDriver.ts";
import { type LatencySummary, summarize } from "./stats.ts";
import { waitUntil } from "./waitUntil.ts";

export interface WarRoomLoad {
  driver: SlackDriver;
  fake: SlackFake;
  userId: string;
  channelId: string;
  cases: number;
}

export interface WarRoomResult {
  latency: LatencySummary;
  /** Each ready case's latency in ms, in the order the cases ran (the first ones meet a cold process). */
  inOrder: number[];
  /** Cases that did not get a ready war room, by reason. */
  failures: Record<string, number>;
}

const INTAKE_TIMEOUT_MS = 5_000;
const READY_TIMEOUT_MS = 10_000;
// A run whose cases keep failing says so after a few, rather than waiting out every timeout.
const MAX_CONSECUTIVE_FAILURES = 3;

/** Sends `/incident` and resolves with the id of the intake modal it opened. */
async function openIntake(load: WarRoomLoad): Promise<string | undefined> {
  const { fake } = load;
  const seen = new Set(fake.views().map((view) => view.id));
  await load.driver.command({ text: "", userId: load.userId, channelId: load.channelId });
  let viewId: string | undefined;
  await waitUntil(() => {
    viewId = fake.views().find((v) => !seen.has(v.id) && v.callback_id === "incident_intake" && v.open)?.id;
    return viewId !== undefined;
  }, INTAKE_TIMEOUT_MS);
  return viewId;
}

// Not test/support's intakeValues: importing it loads vitest and the whole bot into the load-generating process.
export function submitSev1(load: Pick<WarRoomLoad, "driver" | "userId">, viewId: string): Promise<DriverResponse> {
  return load.driver.submitView({
    viewId,
    userId: load.userId,
    values: {
      title: "Customer reports pro became violent during a job",
      category: "physical-safety",
      // Physical safety defaults to SEV1.
      severity: null,
      description: "Customer called: the pro shoved them during an argument about the bill. Police were called.",
      reporter: "cus_48213",
      reporter_role: "customer",
      reporter_name: "Dana R.",
      respondent: "pro_9911",
      respondent_role: "pro",
      respondent_name: "Sam's Handyman Co",
      source: "phone",
      occurred_at: Math.floor(Date.now() / 1000) - 3600,
      zendesk_ticket: "482113",
    },
  });
}

export const accepted = (response: DriverResponse) =>
  response.status === 200 &&
  typeof response.body === "object" &&
  response.body !== null &&
  "response_action" in response.body &&
  response.body.response_action === "update";

/** Runs one case; resolves with its latency in ms, or the reason it never got a ready war room. */
async function timeOneCase(load: WarRoomLoad): Promise<number | string> {
  const { fake, userId } = load;
  const viewId = await openIntake(load);
  if (viewId === undefined) return "intake modal never opened";

  const known = new Set(fake.channels().map((channel) => channel.id));
  let room: StoredChannel | undefined;
  let refused = false;
  const isReady = () => {
    room ??= fake.channels().find((c) => !known.has(c.id) && !c.is_im && !c.is_mpim);
    return room !== undefined && fake.members(room.id).includes(userId) && fake.pins(room.id).length > 0;
  };

  const start = performance.now();
  // Settled (never rejected) so the readiness wait can stop early on a refusal or a crash of the request.
  const submitting = submitSev1(load, viewId).then(
    (response) => {
      refused = !accepted(response);
      return response;
    },
    (error: unknown) => {
      refused = true;
      return error instanceof Error ? error : new Error(String(error));
    },
  );
  const ready = await waitUntil(() => refused || isReady(), READY_TIMEOUT_MS);
  const elapsed = performance.now() - start;
  const response = await submitting;
  if (response instanceof Error) throw response;
  if (refused) return `submission answered ${response.status} ${JSON.stringify(response.body).slice(0, 80)}`;
  if (!ready) return room ? "channel created, not ready in time" : "no channel in time";
  return elapsed;
}

/** Cases one after another, each starting once the previous one's war room is ready. */
export async function measureWarRoomLatency(load: WarRoomLoad): Promise<WarRoomResult> {
  const samples: number[] = [];
  const failures: Record<string, number> = {};
  let consecutiveFailures = 0;
  for (let i = 0; i < load.cases && consecutiveFailures < MAX_CONSECUTIVE_FAILURES; i++) {
    const outcome = await timeOneCase(load);
    if (typeof outcome === "number") {
      samples.push(outcome);
      consecutiveFailures = 0;
    } else {
      failures[outcome] = (failures[outcome] ?? 0) + 1;
      consecutiveFailures += 1;
    }
  }
  return { latency: summarize(samples), inOrder: samples, failures };
}
