import { REPORT_USAGE } from "../../../core/reportPeriod.ts";
import { requestReport } from "../../../flows/reports/requestReport.ts";
import { reportRequestedReply } from "../../views/reportMessages.ts";
import type { Subcommand } from "./subcommand.ts";

export const reportSubcommands: Record<string, Subcommand> = {
  report: {
    usage: REPORT_USAGE,
    summary: "the team's figures and charts for last week or month, posted here if private, else by DM",
    run: (deps, { userId, channelId, args }) => {
      const { period, category } = requestReport(deps, { userId, channelId, args });
      return reportRequestedReply(period, category);
    },
  },
};
