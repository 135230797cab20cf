import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { JOB_REGISTRY } from "../../src/slack/jobs/index.ts";
import {
  METHOD_TIERS,
  methodBudget,
  POST_MESSAGE_PER_CHANNEL,
  postMessageBudget,
  type TieredMethod,
} from "../../src/slack/rateLimits.ts";
import * as standIn from "../slack-fake/rateTiers.ts";

const JOB_HANDLERS = new URL("../../src/slack/jobs/", import.meta.url);

/** The Web API methods the job handlers call, read from their source (`deps.slack.chat.update(` …). */
function methodsCalledByJobHandlers(): string[] {
  const methods = new Set<string>();
  for (const file of readdirSync(fileURLToPath(JOB_HANDLERS))) {
    const source = readFileSync(new URL(file, JOB_HANDLERS), "utf8");
    for (const [, method] of source.matchAll(/\.slack\.([a-zA-Z]+(?:\.[a-zA-Z]+)+)\(/g)) methods.add(method ?? "");
  }
  return [...methods].sort();
}

const isTiered = (method: string): method is TieredMethod => method in METHOD_TIERS;

describe("the bot's pacing table, against Slack's documented limits as the stand-in holds them", () => {
  it("finds the methods the job handlers call, so an empty list cannot pass", () => {
    expect(methodsCalledByJobHandlers()).toEqual(expect.arrayContaining(["chat.postMessage", "conversations.create"]));
  });

  it("paces every method a job handler calls: a tier, or chat.postMessage's channel limit", () => {
    const unpaced = methodsCalledByJobHandlers().filter((m) => m !== "chat.postMessage" && !isTiered(m));
    expect(unpaced).toEqual([]);
  });

  it("allows no method more calls a minute than the stand-in's tier for it", () => {
    const looser = Object.keys(METHOD_TIERS)
      .filter(isTiered)
      .flatMap((method) => {
        const { limit, windowMs } = methodBudget(method);
        const standInTier = standIn.METHOD_TIERS[method];
        if (standInTier === undefined) return [`${method}: no tier in the stand-in`];
        const perMinute = (limit * 60_000) / windowMs;
        return perMinute > standIn.TIER_PER_MINUTE[standInTier] || windowMs < 60_000
          ? [`${method}: ${limit} per ${windowMs} ms`]
          : [];
      });
    expect(looser).toEqual([]);
  });

  it("posts in a channel no faster than the stand-in refills, and never in a burst it would refuse", () => {
    const { limit, windowMs } = postMessageBudget("C0ANY");
    expect(limit).toBe(POST_MESSAGE_PER_CHANNEL.limit);
    expect(limit).toBeLessThanOrEqual(standIn.POST_MESSAGE_PER_CHANNEL.burst);
    expect((limit * 1000) / windowMs).toBeLessThanOrEqual(standIn.POST_MESSAGE_PER_CHANNEL.refillPerSecond);
  });

  it("declares only tiered methods for the job kinds, each kind at most once in the registry", () => {
    const kinds = JOB_REGISTRY.map(({ definition }) => definition.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    const declared = JOB_REGISTRY.flatMap(({ calls }) => calls.methods ?? []);
    expect(declared.filter((method) => !isTiered(method))).toEqual([]);
  });
});
