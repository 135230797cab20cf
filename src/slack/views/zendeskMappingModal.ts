import { CATEGORIES, categoryById } from "../../core/categories.ts";
import { ACCOUNT_ROLES } from "../../core/intake.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import { ZENDESK_MAPPING_LIMITS, zendeskMappingRuleText } from "../../core/zendeskMapping.ts";
import type { ZendeskMappingView } from "../../flows/zendesk/loadZendeskMapping.ts";
import { ZENDESK_MAPPING_BLOCK as B, CALLBACK } from "../ids.ts";
import { type Block, context, type ModalView, type Option, option, plain, section } from "./blocks.ts";
import { inputBlock, radioButtons, staticSelect, textInput } from "./inputs.ts";
import { mention, slackDate } from "./mrkdwn.ts";

const IGNORED_REASONS: Readonly<Record<string, string>> = {
  unmapped: "no rule matched",
  no_category: "no category (no rule, no default)",
  no_mapping: "no mapping saved yet",
};

const withInitial = (element: Record<string, unknown>, value: string) =>
  value ? { ...element, initial_value: value } : element;

function ignoredLines(view: ZendeskMappingView): string {
  if (view.ignored.length === 0) return "No ticket has been ignored.";
  // Ticket ids and reasons only: subjects and requesters stay in Zendesk.
  const lines = view.ignored.map(
    (t) => `#${t.ticketId} · ${IGNORED_REASONS[t.ignoredReason ?? ""] ?? t.ignoredReason} · ${slackDate(t.updatedAt)}`,
  );
  return `*Recently ignored tickets*\n${lines.join("\n")}`;
}

/** The lead's form for which Zendesk tickets become cases, filled with the mapping in force. */
export function buildZendeskMappingModal(view: ZendeskMappingView): ModalView {
  const { mapping } = view;
  const rules = zendeskMappingRuleText(mapping);
  const categories = CATEGORIES.map((c) => option(c.label, c.id));
  const severities = SEVERITIES.map((s) => option(severityPolicy(s).label, s));
  const pick = (options: Option[], value: string | null) => options.find((o) => o.value === value);
  const unmapped = [
    option("Open a case (default category)", "open"),
    option("Ignore it (recorded, listed below)", "ignore"),
  ];
  const reporterRefs = [
    option("Requester's Zendesk user id", "requester_id"),
    option("Ticket's external id (the platform account), else the requester id", "external_id"),
  ];
  const roles = ACCOUNT_ROLES.map((r) => option(r === "pro" ? "Pro" : "Customer", r));
  const saved =
    view.savedBy && view.savedAt
      ? `Version ${view.version}, saved ${slackDate(view.savedAt)} by ${mention(view.savedBy)}.`
      : "No mapping saved yet: every ticket is ignored.";
  const blocks: Block[] = [
    context(saved),
    inputBlock(
      B.categoryRules,
      "Tag → category",
      withInitial(
        textInput("safety-threat = physical-safety", ZENDESK_MAPPING_LIMITS.rulesTextMax, true),
        rules.category,
      ),
      {
        optional: true,
        hint: `One rule a line, tag = category id (${categoryById("harassment")?.id}, payment-fraud, …). The first matching line wins.`,
      },
    ),
    inputBlock(
      B.severityRules,
      "Tag or priority → severity",
      withInitial(textInput("priority:urgent = SEV1", ZENDESK_MAPPING_LIMITS.rulesTextMax, true), rules.severity),
      {
        optional: true,
        hint: "One rule a line: tag:<tag> = SEV2 or priority:urgent = SEV1. The most severe match wins; a category's own severity is the floor.",
      },
    ),
    inputBlock(
      B.defaultCategory,
      "Default category",
      staticSelect("For tickets no tag rule names", categories, pick(categories, mapping.defaultCategory)),
      { optional: true },
    ),
    inputBlock(
      B.defaultSeverity,
      "Default severity",
      staticSelect("The category's own", severities, pick(severities, mapping.defaultSeverity)),
      { optional: true },
    ),
    inputBlock(B.unmapped, "A ticket no rule matches", radioButtons(unmapped, pick(unmapped, mapping.unmapped))),
    inputBlock(B.reporterRef, "Reporter account", radioButtons(reporterRefs, pick(reporterRefs, mapping.reporterRef)), {
      hint: "Never the requester's name or email.",
    }),
    inputBlock(B.reporterRole, "The requester is a", radioButtons(roles, pick(roles, mapping.reporterRole))),
    section(ignoredLines(view)),
  ];
  return {
    type: "modal",
    callback_id: CALLBACK.zendeskMapping,
    title: plain("Zendesk → cases", 24),
    submit: plain("Save mapping", 24),
    close: plain("Cancel", 24),
    blocks,
  };
}
