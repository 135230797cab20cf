import type { Subcommand } from "./subcommand.ts";

export const evidenceSubcommands: Record<string, Subcommand> = {};
