import type { Subcommand } from "./subcommand.ts";

export const consultSubcommands: Record<string, Subcommand> = {};
