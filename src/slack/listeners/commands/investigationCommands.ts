import type { Subcommand } from "./subcommand.ts";

export const investigationSubcommands: Record<string, Subcommand> = {};
