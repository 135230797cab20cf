import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;

/** What `npm run build` compiles from: a change to any of them makes dist/ stale. */
const BUILD_INPUTS = ["src", "db", "package.json", "tsconfig.json", "tsconfig.build.json"];

/** The entry of a command-line tool as `npm start` / `npm run <name>` runs it once built. */
export const compiledCli = (name: string) => join(ROOT, "dist/src/cli", `${name}.js`);

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * Vitest's global setup: spawned bots and tools run dist/ as operators do, so it must be built from the
 * sources under test. `npm ci` builds it; this rebuilds only when a source changed since (a local edit).
 */
export default function buildOnce(): void {
  const built = compiledCli("start");
  const inputs = BUILD_INPUTS.map((input) => join(ROOT, input)).filter((input) => existsSync(input));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...inputs.map(newestChange))) return;
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}
