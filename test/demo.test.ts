import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
// The demo plays a whole SEV1 case, a Zendesk ticket and a weekly report against the stand-ins; the bound only caps a hang.
const DEMO_BOUND_MS = 120_000;

/** Width and height from a PNG's IHDR chunk (PNG spec, w3.org/TR/png: signature, then IHDR first). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** `npm run demo` is how someone without a Slack workspace sees the bot work: it must keep working as features land. */
describe("npm run demo", () => {
  it(
    "plays the SEV1 case, a Zendesk ticket becoming a case, and the weekly report to the end",
    async () => {
      const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "demo"], {
        cwd: ROOT,
        timeout: DEMO_BOUND_MS,
        // TMPDIR: the chart the demo keeps for its reader lands in the test run's folder, removed with it.
        env: { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR },
      });
      expect(stdout).toContain("E1 recorded");
      expect(stdout).toMatch(/Stored once by hash: .+ \(\d+ bytes\)/);
      expect(stdout).toContain("You are paged");
      expect(stdout).toMatch(/chain intact: \d+ events/);
      expect(stdout).toContain("Chain check: intact");

      // The signed ticket.created opens one case with a war room that says where it came from; the retry adds none.
      expect(stdout).toContain('"outcome":"case_opened","caseId":"TS-2026-0002"');
      expect(stdout).toContain('{"ok":true,"outcome":"duplicate"}: still one case');
      expect(stdout).toMatch(/War room #ts-2026-0002-stalking-doxxing/);
      expect(stdout).toMatch(/Opened\*: .+ from Zendesk ticket #5158/);
      // Both tickets got an internal note through the Zendesk stand-in, never a public reply.
      expect(stdout).toMatch(/#482113 internal note: Incident Desk case TS-2026-0001/);
      expect(stdout).toMatch(/#5158 internal note: Incident Desk case TS-2026-0002/);
      expect(stdout).not.toContain("PUBLIC REPLY");

      // The weekly report counts both cases, its chart is a real PNG at the report's size, its CSV is quoted.
      expect(stdout).toContain("┃ Weekly report, all categories");
      expect(stdout).toContain("*2 cases opened*");
      const charts = [...stdout.matchAll(/Chart saved to (\S+\.png)/g)].map((m) => m[1] ?? "");
      expect(charts).toHaveLength(2);
      for (const chart of charts) expect(pngSize(readFileSync(chart))).toEqual({ width: 1000, height: 560 });
      expect(stdout).toMatch(/│ metric,dimension,value\n {2}│ period_first_day,,\d{4}-\d{2}-\d{2}\n/);
      expect(stdout).toContain("│ cases_opened,,2");
    },
    DEMO_BOUND_MS + 10_000,
  );
});
