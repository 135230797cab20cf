import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEARCH_MAX_TERMS } from "../../src/store/caseSearch.ts";
import { searchIds } from "../support/caseSearch.ts";
import { grantRole, type Harness, startHarness } from "../support/harness.ts";
import { type IntakeValues, intakeValues, submitIntake } from "../support/intake.ts";

const HOUR = 60 * 60_000;
const CONSULTANT = "U0CONS01";

const parties = (reporter: [string, string], respondent: [string, string]): IntakeValues => ({
  reporter: reporter[0],
  reporter_role: "customer",
  reporter_name: reporter[1],
  respondent: respondent[0],
  respondent_role: "pro",
  respondent_name: respondent[1],
});

const TWIN: IntakeValues = {
  category: "no-show",
  title: "Sticker left on the van",
  description: "Nobody came; a sticker was left on the van.",
  ...parties(["cus_8008", "Kai Berg"], ["pro_9009", "Vanline Movers"]),
};

// Created in this order, an hour apart: TS-2026-0001 is the oldest.
const CORPUS: IntakeValues[] = [
  {
    category: "service-quality",
    title: "Drill left running overnight",
    description: "The pro left equipment on at the property.",
    ...parties(["cus_5005", "Ola Nordmann"], ["pro_6006", "Ольга Петрова"]),
  },
  {
    category: "theft",
    title: "Tools missing after a visit",
    description: "Customer says the pro's helper took a drill from the garage.",
    ...parties(["cus_1001", "Dana Rivera"], ["pro_2002", "Sam's Plumbing"]),
  },
  {
    category: "harassment",
    title: "Threatening texts after a cancelled job",
    description: "Three texts after the job in TS-2026-0002.",
    ...parties(["cus_3003", "Zoë Müller"], ["pro_4004", "Brightside Cleaning"]),
  },
  TWIN,
  TWIN,
];

async function openCases(h: Harness, cases: readonly IntakeValues[]): Promise<void> {
  for (const values of cases) {
    h.clock.advance(HOUR);
    const { status } = await submitIntake(h, intakeValues(values));
    expect(status).toBe(200);
    await h.settle();
  }
}

describe("searching cases", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    h.fake.addUser({ id: CONSULTANT, name: "cody" });
    await grantRole(h, CONSULTANT, "consultant");
  });
  // Opened once for the whole block (searching changes nothing); in a hook with a test, as intake's expect.poll needs.
  let opened = false;
  beforeEach(async () => {
    if (opened) return;
    opened = true;
    await openCases(h, CORPUS);
  });
  afterAll(() => h.close());

  it.each([
    ["its id", "TS-2026-0001", ["TS-2026-0001"]],
    ["a word of its title", "overnight", ["TS-2026-0001"]],
    ["a word of its description", "garage", ["TS-2026-0002"]],
    ["a party's account ref", "cus_1001", ["TS-2026-0002"]],
    ["a respondent's account ref", "pro_4004", ["TS-2026-0003"]],
    ["a party's name", "Rivera", ["TS-2026-0002"]],
    ["a party's name with an apostrophe, in other letter case", "sam's PLUMBING", ["TS-2026-0002"]],
    ["a party's name in Cyrillic, in other letter case", "ПЕТРОВА", ["TS-2026-0001"]],
    ["a party's name with its accents", "Zoë Müller", ["TS-2026-0003"]],
    ["a party's name typed without accents", "zoe muller", ["TS-2026-0003"]],
    ["its category id", "harassment", ["TS-2026-0003"]],
    ["a word only its category's label holds", "dispute", ["TS-2026-0001"]],
    ["another form of a word (tools for tool)", "tool", ["TS-2026-0002"]],
  ])("finds a case by %s", async (_field, text, expected) => {
    expect(await searchIds(h, text)).toEqual(expected);
  });

  it("names a category by the starts of its label's words, not by letters inside them", async () => {
    expect(await searchIds(h, "quality disp")).toEqual(["TS-2026-0001"]);
    expect(await searchIds(h, "uality")).toEqual([]);
  });

  it("lists the case whose id was typed first, then cases that mention it", async () => {
    expect(await searchIds(h, "ts-2026-0002")).toEqual(["TS-2026-0002", "TS-2026-0003"]);
  });

  it("finds a case by its id typed without the leading zeros", async () => {
    expect(await searchIds(h, "TS-2026-2")).toEqual(["TS-2026-0002"]);
  });

  it("ranks a title hit above a newer case that only mentions the word", async () => {
    expect(await searchIds(h, "drill")).toEqual(["TS-2026-0001", "TS-2026-0002"]);
  });

  it("lists equally good matches newest first", async () => {
    expect(await searchIds(h, "sticker")).toEqual(["TS-2026-0005", "TS-2026-0004"]);
  });

  it("requires every word typed", async () => {
    expect(await searchIds(h, "drill garage")).toEqual(["TS-2026-0002"]);
    expect(await searchIds(h, "drill sticker")).toEqual([]);
  });

  it("searches the first words of a long text only, so pasting a page costs what a few words do", async () => {
    const words = ["customer", "says", "helper", "took", "drill", "from", "the", "garage"];
    expect(words).toHaveLength(SEARCH_MAX_TERMS);
    expect(await searchIds(h, [...words, ..."unmatched ".repeat(1000).split(" ")].join(" "))).toEqual(["TS-2026-0002"]);
  });

  it.each([
    ['a lone "', '"', []],
    ["an unterminated quote", '"drill', ["TS-2026-0001", "TS-2026-0002"]],
    ["a lone *", "*", []],
    ["a lone -", "-", []],
    ["a * after a word, not a prefix search", "dril*", []],
    ["a word followed by *", "drill*", ["TS-2026-0001", "TS-2026-0002"]],
    ["OR, not an alternative", "drill OR sticker", []],
    ["NOT, not an exclusion", "drill NOT garage", []],
    ["a leading -", "-drill", ["TS-2026-0001", "TS-2026-0002"]],
    ["NEAR(…)", "NEAR(drill garage)", []],
    ["a column filter", "title:drill", []],
    ["a spaced column filter", "description : garage", []],
    ["a {column} filter", "{title}: drill", []],
    ["an initial-token ^", "^drill", ["TS-2026-0001", "TS-2026-0002"]],
    ["parentheses around a word", "(drill)", ["TS-2026-0001", "TS-2026-0002"]],
    ["unbalanced parentheses", ")(", []],
    ["only punctuation", '"*()-:^+', []],
    ["an emoji", "🙂", []],
    ["10 KB of one word", "overnight ".repeat(1024), ["TS-2026-0001"]],
    ["a 10 KB word", "x".repeat(10_240), []],
    ["10 KB of FTS syntax", '"*() NEAR OR - : ^ '.repeat(512), []],
  ])("reads %s in the search text as plain words", async (_name, text, expected) => {
    expect(await searchIds(h, text)).toEqual(expected);
  });

  it("refuses a consultant, who may see only the cases they were consulted on", async () => {
    const { body } = await h.driver.command({ text: "search drill", userId: CONSULTANT, channelId: h.triageChannelId });
    expect(JSON.stringify(body)).toContain("not permitted");
  });
});

describe("searching cases after their text changed", () => {
  let h: Harness;
  const sql = (query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).run(...params);

  beforeEach(async () => {
    h = await startHarness();
    await openCases(h, CORPUS.slice(0, 2));
  });
  afterEach(() => h.close());

  // The retention job will redact with a plain UPDATE: the index must follow it.
  it("stops finding a redacted description and finds its replacement", async () => {
    sql("UPDATE cases SET description = '[description redacted]' WHERE human_id = 'TS-2026-0002'");
    expect(await searchIds(h, "garage")).toEqual([]);
    expect(await searchIds(h, "drill")).toEqual(["TS-2026-0001"]);
    expect(await searchIds(h, "redacted")).toEqual(["TS-2026-0002"]);
  });

  it("stops finding a redacted party name", async () => {
    sql("UPDATE accounts SET display_name = '[name redacted]' WHERE account_ref = 'cus_1001'");
    expect(await searchIds(h, "Rivera")).toEqual([]);
    expect(await searchIds(h, "cus_1001")).toEqual(["TS-2026-0002"]);
  });

  it("finds older cases by the name a later intake gave their party", async () => {
    await openCases(h, [{ ...CORPUS[1], title: "Second visit", reporter_name: "Dana Okafor" }]);
    expect(await searchIds(h, "Okafor")).toEqual(["TS-2026-0003", "TS-2026-0002"]);
    expect(await searchIds(h, "Rivera")).toEqual([]);
  });

  it("finds a case by a new title", async () => {
    sql("UPDATE cases SET title = 'Ladder stolen' WHERE human_id = 'TS-2026-0001'");
    expect(await searchIds(h, "ladder")).toEqual(["TS-2026-0001"]);
    expect(await searchIds(h, "overnight")).toEqual([]);
  });
});

describe("ranking search results", () => {
  let h: Harness;
  // Each case its own reporter account: an account renamed by a later intake is renamed on all its cases.
  const ladderCase = (reporter: [string, string], title: string, description: string): IntakeValues => ({
    category: "property-damage",
    title,
    description,
    ...parties(reporter, ["pro_7002", "Gatewright"]),
  });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("ranks by the best field holding the word (title, then parties, then description), then by the next best", async () => {
    await openCases(h, [
      ladderCase(["cus_7001", "Ivy Ladder"], "Ladder left in the hallway", "Nothing else noted."), // title, parties
      ladderCase(["cus_7002", "Lee Ladder"], "Gate broken", "A ladder hit the gate."), // parties, description
      ladderCase(["cus_7003", "Mo Chen"], "Paint on the floor", "The ladder tipped over."), // description only
      ladderCase(["cus_7004", "Ada Park"], "Ladder fell on a car", "Car dented."), // title only, the newest
    ]);
    expect(await searchIds(h, "ladder")).toEqual(["TS-2026-0001", "TS-2026-0004", "TS-2026-0002", "TS-2026-0003"]);
  });
});
