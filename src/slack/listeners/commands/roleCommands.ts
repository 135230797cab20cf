import { DomainError } from "../../../core/domainError.ts";
import { isRole, ROLE_LABELS, ROLES } from "../../../core/permissions.ts";
import { changeRole, listRoles } from "../../../flows/roles/changeRole.ts";
import { type EphemeralReply, ephemeral } from "../../views/commandReplies.ts";
import { mention } from "../../views/mrkdwn.ts";
import { parseUserMention, type Subcommand } from "./subcommand.ts";

const ROLE_USAGE = `role @user <${ROLES.join("|")}|none>`;

function rolesReply(rows: Array<{ userId: string; role: string }>): EphemeralReply {
  if (rows.length === 0) return ephemeral("Nobody has a role yet.");
  const lines = ROLES.map((role) => {
    const people = rows.filter((r) => r.role === role).map((r) => mention(r.userId));
    return `*${ROLE_LABELS[role]}:* ${people.length > 0 ? people.join(", ") : "nobody"}`;
  });
  return ephemeral(`Roles\n${lines.join("\n")}`);
}

export const roleSubcommands: Record<string, Subcommand> = {
  role: {
    usage: ROLE_USAGE,
    summary: "give someone a role, or list who has which (leads and admins)",
    run: (deps, { userId, args }) => {
      if (args.length === 0) return rolesReply(listRoles(deps, userId));
      const target = parseUserMention(args[0]);
      const roleText = (args[1] ?? "").toLowerCase();
      if (!target || !(isRole(roleText) || roleText === "none") || args.length > 2) {
        throw new DomainError("invalid_input", `Usage: \`/incident ${ROLE_USAGE}\``);
      }
      const role = roleText === "none" ? null : isRole(roleText) ? roleText : null;
      const { previous } = changeRole(deps, { actor: userId, target, role });
      const was = previous ? ` (was ${ROLE_LABELS[previous].toLowerCase()})` : "";
      return ephemeral(
        role
          ? `${mention(target)} is now ${ROLE_LABELS[role].toLowerCase()}${was}.`
          : `${mention(target)} has no role now${was}.`,
      );
    },
  },
};
