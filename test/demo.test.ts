import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
// The demo plays a whole SEV1 case against the stand-in; the bound only caps a hang.
const DEMO_BOUND_MS = 120_000;

/** `npm run demo` is how someone without a Slack workspace sees the bot work: it must keep working as features land. */
describe("npm run demo", () => {
  it(
    "plays the SEV1 case to the end: war room, evidence saved, page, verified chain",
    async () => {
      const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "demo"], {
        cwd: ROOT,
        timeout: DEMO_BOUND_MS,
        env: { PATH: process.env.PATH },
      });
      expect(stdout).toContain("E1 recorded");
      expect(stdout).toMatch(/Stored once by hash: .+ \(\d+ bytes\)/);
      expect(stdout).toContain("You are paged");
      expect(stdout).toMatch(/chain intact: \d+ events/);
      expect(stdout).toContain("Chain check: intact");
    },
    DEMO_BOUND_MS + 10_000,
  );
});
