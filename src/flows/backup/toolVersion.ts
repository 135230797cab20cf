import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const packageSchema = z.object({ name: z.string(), version: z.string() });

/** The release that wrote a backup: package.json found above this file, from src/ or from dist/src/. */
export function toolVersion(): { name: string; version: string } {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, "package.json");
    if (existsSync(path)) return packageSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  }
  throw new Error("package.json not found above the backup code");
}
