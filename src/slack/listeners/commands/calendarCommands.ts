import type { Subcommand } from "./subcommand.ts";

/** `/incident hours` and `/incident holiday`: scaffold, filled in with issue 6. */
export const calendarSubcommands: Record<string, Subcommand> = {};
