import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JobKindSchema } from "../../src/flows/jobs/defineJob.ts";
import { JOB_REGISTRY } from "../../src/slack/jobs/index.ts";

const JOBS_FOLDER = new URL("../../src/flows/jobs/", import.meta.url);
// What every definition is built with, not a kind of its own.
const NOT_DEFINITIONS = new Set(["defineJob.ts"]);

const definitionFiles = readdirSync(fileURLToPath(JOBS_FOLDER)).filter(
  (file) => file.endsWith(".ts") && !NOT_DEFINITIONS.has(file),
);

const isDefinition = (value: unknown): value is JobKindSchema =>
  typeof value === "object" && value !== null && "kind" in value && "payload" in value && "enqueue" in value;

async function definitionsOf(file: string): Promise<JobKindSchema[]> {
  const exported: Record<string, unknown> = await import(new URL(file, JOBS_FOLDER).href);
  return Object.values(exported).filter(isDefinition);
}

describe("the job registry", () => {
  it("registers the one definition of each file under src/flows/jobs/ exactly once", async () => {
    for (const file of definitionFiles) {
      const definitions = await definitionsOf(file);
      expect(definitions, `${file} defines one job kind`).toHaveLength(1);
      const registered = JOB_REGISTRY.filter(({ definition }) => definitions.includes(definition));
      expect(registered, `${file} is registered once in src/slack/jobs/index.ts`).toHaveLength(1);
    }
  });

  it("registers nothing but those definitions", () => {
    expect(JOB_REGISTRY).toHaveLength(definitionFiles.length);
  });

  it("gives every kind one definition", () => {
    const kinds = JOB_REGISTRY.map(({ definition }) => definition.kind);
    expect(kinds.filter((kind, i) => kinds.indexOf(kind) !== i)).toEqual([]);
  });
});
