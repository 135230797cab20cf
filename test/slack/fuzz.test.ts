import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FuzzRequest, fuzzRequest } from "../support/fuzzRequests.ts";
import { type Harness, SIGNING_SECRET, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { seededRandom } from "../support/seededRandom.ts";
import { signSlackRequest } from "../support/slackDriver.ts";

const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 32;
const BODY_LIMIT = 4 * 1024 * 1024;

interface Answer {
  surface: string;
  status: number;
}

describe("fuzzed requests", () => {
  let h: Harness;
  /** What the bot logged as an unexpected failure (pino level 50 and up): malformed input must never be one. */
  const failures: string[] = [];
  beforeAll(async () => {
    h = await startHarness({
      logTo: { write: (line) => void (JSON.parse(line).level >= 50 && failures.push(line.slice(0, 2000))) },
    });
  });
  afterAll(() => h.close());

  async function send(request: FuzzRequest): Promise<Answer> {
    const now = Math.floor(h.clock.now() / 1000);
    const timestamp = { stale: now - 400, future: now + 400 }[request.signing as "stale" | "future"] ?? now;
    const secret = request.signing === "forged" ? "not-the-secret" : SIGNING_SECRET;
    const headers: Record<string, string> = request.contentType ? { "content-type": request.contentType } : {};
    if (request.signing !== "unsigned") {
      headers["x-slack-request-timestamp"] = String(timestamp);
      headers["x-slack-signature"] = signSlackRequest(secret, request.body, timestamp);
    }
    const res = await fetch(`${h.baseUrl}/slack/events`, { method: "POST", headers, body: request.body });
    await res.arrayBuffer();
    return { surface: request.surface, status: res.status };
  }

  it(`answers ${CASES} signed malformed requests with no 5xx, and stays healthy with every case record intact`, async () => {
    await submitIntake(h, intakeValues());
    await submitIntake(h, intakeValues({ category: "theft" }), USERS.lead);
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} FUZZ_CASES=${CASES} reproduces this run)`);
    const random = seededRandom(SEED);
    const context = {
      users: Object.values(USERS),
      channelId: h.triageChannelId,
      teamId: h.fake.teamId,
      caseIds: ["TS-2026-0001", "TS-2026-0002"],
      viewIds: h.fake.views().map((v) => v.id),
      triggerId: () => h.fake.issueTriggerId(),
      responseUrl: () => h.fake.responseUrl(),
    };
    const answers: Answer[] = [];
    for (let sent = 0; sent < CASES; sent += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, CASES - sent) }, () => fuzzRequest(random, context));
      answers.push(...(await Promise.all(batch.map(send))));
    }
    for (const size of [BODY_LIMIT + 1, 3 * BODY_LIMIT]) {
      answers.push(
        await send({
          surface: "huge",
          body: `payload=${"x".repeat(size)}`,
          contentType: "application/x-www-form-urlencoded",
          signing: "signed",
        }),
      );
    }

    const serverErrors = answers.filter((a) => a.status >= 500);
    expect(serverErrors, `seed ${SEED}`).toEqual([]);
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(answers.filter((a) => a.surface === "huge").map((a) => a.status)).toEqual([413, 413]);
    expect(answers.filter((a) => a.surface === "unsigned").every((a) => a.status === 401)).toBe(true);
    expect(answers.filter((a) => a.surface === "json-null").every((a) => a.status === 400)).toBe(true);

    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect(h.desk.database.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    const humanIds = h.desk.database.sqlite.prepare("SELECT human_id FROM cases").pluck().all() as string[];
    expect(humanIds.length).toBeGreaterThanOrEqual(2);
    for (const humanId of humanIds) {
      const reply = await h.driver.command({
        text: `verify ${humanId}`,
        userId: USERS.lead,
        channelId: h.triageChannelId,
      });
      expect((reply.body as { text?: string }).text).toContain(`${humanId}: chain intact`);
    }
  }, 120_000);
});
