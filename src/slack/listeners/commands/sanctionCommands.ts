import type { Subcommand } from "./subcommand.ts";

export const sanctionSubcommands: Record<string, Subcommand> = {};
