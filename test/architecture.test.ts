/**
 * The layer rules of docs/architecture.md, checked over the import graph of src/. Today's tree still breaks some
 * of them: those imports are listed in KNOWN_VIOLATIONS, and the test holds the list to exactly what the tree
 * does, so a new violation fails and a fixed one fails until its line is deleted. The list only shrinks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, type ImportEdge, importsOf, packageOf, REPO_ROOT, sourceFiles } from "./support/importGraph.ts";

// Deterministic libraries only: zod parses, date-fns and its zone package compute, node:crypto hashes.
const PURE_PACKAGES = new Set(["zod", "date-fns", "@date-fns/tz", "node:crypto"]);
const DATABASE_PACKAGES = new Set(["drizzle-orm", "better-sqlite3"]);

const inFolder = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const isCore = inFolder("src/core");
const isStore = inFolder("src/store");
const isFlow = inFolder("src/flows");
const isSlack = inFolder("src/slack");
const isListener = inFolder("src/slack/listeners");
const isZendesk = inFolder("src/zendesk");

interface LayerRule {
  applies(file: string): boolean;
  forbids(edge: ImportEdge): boolean;
}

const RULES = {
  "src/core imports only core, zod, date-fns, @date-fns/tz and node:crypto": {
    applies: isCore,
    forbids: ({ to, local }) => (local ? !isCore(to) : !PURE_PACKAGES.has(packageOf(to))),
  },
  "src/store imports neither flows nor slack": {
    applies: isStore,
    forbids: ({ to, local }) => local && (isFlow(to) || isSlack(to)),
  },
  // A second surface (the Zendesk webhook, a CLI) must reuse every flow unchanged.
  "src/flows imports nothing from src/slack/": {
    applies: isFlow,
    forbids: ({ to, local }) => local && isSlack(to),
  },
  // Web API calls and Block Kit stay on the Slack side: a flow holds no Slack client, type or builder.
  "src/flows imports nothing from @slack/*": {
    applies: isFlow,
    forbids: ({ to, local }) => !local && packageOf(to).startsWith("@slack/"),
  },
  "listeners reach the store only through flows": {
    applies: isListener,
    forbids: ({ to, local }) => local && isStore(to),
  },
  // The webhook is a second surface: it parses and verifies, then calls a flow, as a listener does.
  "src/zendesk reaches the store only through flows, never src/slack/ nor the Web API": {
    applies: isZendesk,
    forbids: ({ to, local }) => (local ? isStore(to) || isSlack(to) : packageOf(to) === "@slack/web-api"),
  },
  // Queries must later run on PostgreSQL too: the driver and query builder stay behind src/store/.
  "only src/store talks to the database driver": {
    applies: (file) => !isStore(file),
    forbids: ({ to, local }) => !local && DATABASE_PACKAGES.has(packageOf(to)),
  },
} satisfies Record<string, LayerRule>;

type RuleName = keyof typeof RULES;

/** Each line is `importing file → forbidden import`; delete a line when its import goes (issue 11 removes them all). */
const KNOWN_VIOLATIONS: Record<RuleName | "no import cycle between layers", readonly string[]> = {
  "src/core imports only core, zod, date-fns, @date-fns/tz and node:crypto": [],
  "src/store imports neither flows nor slack": [],
  "src/flows imports nothing from src/slack/": [],
  "src/flows imports nothing from @slack/*": [],
  "listeners reach the store only through flows": [],
  "src/zendesk reaches the store only through flows, never src/slack/ nor the Web API": [],
  "only src/store talks to the database driver": [],
  "no import cycle between layers": [],
};

const files = sourceFiles("src");
const edges = files.flatMap(importsOf);
const line = (edge: ImportEdge) => `${edge.from} → ${edge.to}`;

/** Fails on any difference between what the tree does and the known list, naming each import. */
function expectKnown(rule: keyof typeof KNOWN_VIOLATIONS, actual: readonly string[]): void {
  const known = new Set(KNOWN_VIOLATIONS[rule]);
  const now = new Set(actual);
  const added = [...now].filter((v) => !known.has(v)).sort();
  const fixed = [...known].filter((v) => !now.has(v)).sort();
  expect(
    added,
    `New violations of "${rule}" (move the code, do not extend the list):\n  ${added.join("\n  ")}\n`,
  ).toEqual([]);
  expect(
    fixed,
    `Fixed, well done: delete these lines from KNOWN_VIOLATIONS["${rule}"]:\n  ${fixed.join("\n  ")}\n`,
  ).toEqual([]);
}

describe("layers (docs/architecture.md)", () => {
  it("reads the whole of src/", () => {
    expect(files.length).toBeGreaterThan(100);
    // The rules below would pass on a parser that read nothing: prove it reads both kinds of import.
    expect(edges.some((edge) => isFlow(edge.from) && isStore(edge.to))).toBe(true);
    expect(edges.some((edge) => isCore(edge.from) && !edge.local && edge.to === "zod")).toBe(true);
  });

  it.each([
    ["src/core/x.ts", { to: "src/store/cases.ts", local: true }],
    ["src/core/x.ts", { to: "node:fs", local: false }],
    ["src/store/x.ts", { to: "src/flows/openCase.ts", local: true }],
    ["src/flows/x.ts", { to: "src/slack/ids.ts", local: true }],
    ["src/flows/x.ts", { to: "@slack/web-api", local: false }],
    ["src/flows/x.ts", { to: "@slack/bolt", local: false }],
    ["src/slack/listeners/views/x.ts", { to: "src/store/cases.ts", local: true }],
    ["src/slack/views/x.ts", { to: "drizzle-orm/sqlite-core", local: false }],
    ["src/zendesk/x.ts", { to: "src/store/zendesk.ts", local: true }],
    ["src/zendesk/x.ts", { to: "src/slack/ids.ts", local: true }],
  ])("a rule refuses %s importing %o", (from, edge) => {
    expect(Object.values(RULES).some((rule: LayerRule) => rule.applies(from) && rule.forbids({ from, ...edge }))).toBe(
      true,
    );
  });

  it.each(Object.keys(RULES) as RuleName[])("%s", (name) => {
    const rule: LayerRule = RULES[name];
    expectKnown(name, [...new Set(edges.filter((e) => rule.applies(e.from) && rule.forbids(e)).map(line))]);
  });

  it("no import cycle between layers", () => {
    // A layer is a folder of src/ (src/flows), a file directly in src/ (src/config.ts), or another top folder (db).
    const layerOf = (path: string) => {
      const parts = path.split("/");
      return parts[0] === "src" && parts.length > 2
        ? `src/${parts[1]}`
        : parts[0] === "src"
          ? path
          : (parts[0] ?? path);
    };
    const graph = new Map<string, Set<string>>();
    for (const edge of edges.filter((e) => e.local)) {
      const [from, to] = [layerOf(edge.from), layerOf(edge.to)];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    expectKnown(
      "no import cycle between layers",
      cycles(graph).map((group) => group.join(" ⇄ ")),
    );
  });

  it.each(files.filter(isCore))("%s never reads the clock", (file) => {
    expect(readFileSync(join(REPO_ROOT, file), "utf8")).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
  });
});
