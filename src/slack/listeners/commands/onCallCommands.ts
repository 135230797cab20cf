import type { Subcommand } from "./subcommand.ts";

/** `/incident hours`, `holiday` and `oncall`: scaffold, filled in with issue 6. */
export const onCallSubcommands: Record<string, Subcommand> = {};
