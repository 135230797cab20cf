import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = new URL("../../src/core/", import.meta.url).pathname;
const files = readdirSync(CORE).filter((f) => f.endsWith(".ts"));

describe("src/core stays pure", () => {
  it.each(files)("%s imports only core modules, zod, node:crypto and the pure date libraries", (file) => {
    const source = readFileSync(join(CORE, file), "utf8");
    const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/[\w.]+\.ts|zod|node:crypto|date-fns|@date-fns\/tz)$/);
    }
  });

  it.each(files)("%s never reads the clock", (file) => {
    const source = readFileSync(join(CORE, file), "utf8");
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
  });
});
