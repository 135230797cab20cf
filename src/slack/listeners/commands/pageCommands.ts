import type { Subcommand } from "./subcommand.ts";

/** `/incident page`: scaffold, filled in with issue 6. */
export const pageSubcommands: Record<string, Subcommand> = {};
