import type { Subcommand } from "./subcommand.ts";

export const closeSubcommands: Record<string, Subcommand> = {};
