import { loadZendeskMapping } from "../../../flows/zendesk/loadZendeskMapping.ts";
import { buildZendeskMappingModal } from "../../views/zendeskMappingModal.ts";
import { openModal, type Subcommand } from "./subcommand.ts";

export const zendeskSubcommands: Record<string, Subcommand> = {
  zendesk: {
    usage: "zendesk",
    summary: "decide which Zendesk tickets become cases, and see the ones ignored (leads and admins)",
    run: (deps, ctx) => openModal(ctx, buildZendeskMappingModal(loadZendeskMapping(deps, ctx.userId))),
  },
};
