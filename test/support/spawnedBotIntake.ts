import { setTimeout as delay } from "node:timers/promises";
import { expect } from "vitest";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { SIGNING_SECRET, USERS } from "./harness.ts";
import { intakeValues } from "./intake.ts";
import { createSlackDriver } from "./slackDriver.ts";

/** A bound on work a spawned bot does (a job, a modal): it caps a hang; nothing waits it out. */
export const WORK_BOUND_MS = 60_000;

/** Polls `check` until it holds; fails naming `what` after `boundMs`. */
export async function waitFor(check: () => boolean, what: string, boundMs = WORK_BOUND_MS): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await delay(50);
  }
  throw new Error(`timed out after ${boundMs} ms waiting for ${what}`);
}

/** The stand-in a spawned bot talks to: the specialist who files the intake, and a private triage channel. */
export const startTriageFake = (): Promise<SlackFake> =>
  startSlackFake({
    users: [{ id: USERS.specialist, name: "spec" }],
    channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }],
  });

/** A SEV1 intake through a spawned bot's real HTTP endpoint: its war room is then created by a job. */
export async function openSev1CaseOn(fake: SlackFake, port: number): Promise<void> {
  const driver = createSlackDriver({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    fake,
  });
  await driver.command({ text: "", userId: USERS.specialist, channelId: "C0" });
  await waitFor(() => fake.views().some((v) => v.callback_id === "incident_intake"), "the intake modal");
  const view = fake.views().find((v) => v.callback_id === "incident_intake");
  const submitted = await driver.submitView({
    viewId: view?.id ?? "",
    userId: USERS.specialist,
    values: intakeValues({ category: "physical-safety" }),
  });
  expect(submitted.status).toBe(200);
}
