import { categoryById } from "./categories.ts";
import { DomainError } from "./domainError.ts";
import { ACCOUNT_ROLES, type AccountRole, INTAKE_LIMITS, type IntakeDraft } from "./intake.ts";
import { isMoreSevere, parseSeverity, type Severity } from "./severity.ts";
import { cleanText, truncate } from "./text.ts";
import { ZENDESK_PRIORITIES, type ZendeskPriority, type ZendeskTicket } from "./zendeskTicket.ts";

export const UNMAPPED_TICKET_CHOICES = ["open", "ignore"] as const;
export type UnmappedTicketChoice = (typeof UNMAPPED_TICKET_CHOICES)[number];
/** Where the reporter's account ref comes from; never the requester's name or email. */
export const REPORTER_REF_SOURCES = ["requester_id", "external_id"] as const;
export type ReporterRefSource = (typeof REPORTER_REF_SOURCES)[number];

export type SeverityMatch = { tag: string } | { priority: ZendeskPriority };

/** What a lead decided turns a Zendesk ticket into a case. */
export interface ZendeskMapping {
  categoryByTag: Array<{ tag: string; category: string }>;
  severityRules: Array<{ match: SeverityMatch; severity: Severity }>;
  defaultCategory: string | null;
  defaultSeverity: Severity | null;
  unmapped: UnmappedTicketChoice;
  reporterRef: ReporterRefSource;
  reporterRole: AccountRole;
}

/** Until a lead saves a mapping, every ticket is recorded as ignored: nothing opens a case unasked. */
export const NO_ZENDESK_MAPPING: ZendeskMapping = {
  categoryByTag: [],
  severityRules: [],
  defaultCategory: null,
  defaultSeverity: null,
  unmapped: "ignore",
  reporterRef: "requester_id",
  reporterRole: "customer",
};

export const ZENDESK_MAPPING_LIMITS = { rulesMax: 50, rulesTextMax: 3000 } as const;

/** The mapping form as typed, under domain field names; rule fields hold one `left = right` rule per line. */
export interface ZendeskMappingRaw {
  category_rules: string | null;
  severity_rules: string | null;
  default_category: string | null;
  default_severity: string | null;
  unmapped: string | null;
  reporter_ref: string | null;
  reporter_role: string | null;
}

const TAG = /^[a-z0-9_\-/:.]{1,80}$/;

function ruleLines(text: string | null): Array<{ line: number; left: string; right: string }> {
  return cleanText(text)
    .split("\n")
    .map((raw, index) => ({ raw: raw.trim(), line: index + 1 }))
    .filter(({ raw }) => raw.length > 0)
    .map(({ raw, line }) => {
      const [left = "", right = "", ...rest] = raw.split(/\s*(?:=|→|->)\s*/);
      return { line, left: left.trim().toLowerCase(), right: rest.length > 0 ? "" : right.trim() };
    });
}

/** Checks the whole form and reports every bad field at once, naming the line of a bad rule. */
export function parseZendeskMapping(raw: ZendeskMappingRaw): ZendeskMapping {
  const errors: Record<string, string> = {};
  const tooLong = (field: "category_rules" | "severity_rules") => {
    if ((raw[field]?.length ?? 0) > ZENDESK_MAPPING_LIMITS.rulesTextMax)
      errors[field] = `Keep the rules to ${ZENDESK_MAPPING_LIMITS.rulesTextMax} characters.`;
  };

  const categoryByTag: ZendeskMapping["categoryByTag"] = [];
  for (const { line, left, right } of ruleLines(raw.category_rules)) {
    if (errors.category_rules) break;
    if (!TAG.test(left) || !right) errors.category_rules = `Line ${line}: write one rule a line, as tag = category.`;
    else if (!categoryById(right)) errors.category_rules = `Line ${line}: "${right}" is not a category id.`;
    else categoryByTag.push({ tag: left, category: right });
  }
  tooLong("category_rules");

  const severityRules: ZendeskMapping["severityRules"] = [];
  for (const { line, left, right } of ruleLines(raw.severity_rules)) {
    if (errors.severity_rules) break;
    const severity = parseSeverity(right);
    const [kind, value = ""] = left.split(/:(.*)/s);
    const priority = ZENDESK_PRIORITIES.find((p) => p === value);
    if (!severity) errors.severity_rules = `Line ${line}: end the rule with a severity, SEV1 to SEV4.`;
    else if (kind === "tag" && TAG.test(value)) severityRules.push({ match: { tag: value }, severity });
    else if (kind === "priority" && priority) severityRules.push({ match: { priority }, severity });
    else errors.severity_rules = `Line ${line}: start with tag:<tag> or priority:low|normal|high|urgent.`;
  }
  tooLong("severity_rules");
  if (categoryByTag.length + severityRules.length > ZENDESK_MAPPING_LIMITS.rulesMax) {
    errors.category_rules = `At most ${ZENDESK_MAPPING_LIMITS.rulesMax} rules in all.`;
  }

  const defaultCategory = raw.default_category ? categoryById(raw.default_category) : undefined;
  if (raw.default_category && !defaultCategory) errors.default_category = "Pick a category from the list.";
  const defaultSeverity = raw.default_severity ? parseSeverity(raw.default_severity) : undefined;
  if (raw.default_severity && !defaultSeverity) errors.default_severity = "Pick a severity from the list.";
  const unmapped = UNMAPPED_TICKET_CHOICES.find((c) => c === raw.unmapped);
  if (!unmapped) errors.unmapped = "Should a ticket no rule matches open a case or be ignored?";
  if (unmapped === "open" && !defaultCategory) {
    errors.default_category = "Tickets no rule matches open a case: pick the category they get.";
  }
  const reporterRef = REPORTER_REF_SOURCES.find((s) => s === raw.reporter_ref);
  if (!reporterRef) errors.reporter_ref = "Pick where the reporter's account id comes from.";
  const reporterRole = ACCOUNT_ROLES.find((r) => r === raw.reporter_role);
  if (!reporterRole) errors.reporter_role = "Is the requester a pro or a customer?";

  if (Object.keys(errors).length > 0 || !unmapped || !reporterRef || !reporterRole) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return {
    categoryByTag,
    severityRules,
    defaultCategory: defaultCategory?.id ?? null,
    defaultSeverity: defaultSeverity ?? null,
    unmapped,
    reporterRef,
    reporterRole,
  };
}

/** The mapping written back as the form's rule lines, so a lead edits what is in force. */
export function zendeskMappingRuleText(mapping: ZendeskMapping): { category: string; severity: string } {
  return {
    category: mapping.categoryByTag.map((r) => `${r.tag} = ${r.category}`).join("\n"),
    severity: mapping.severityRules
      .map(
        (r) =>
          `${"tag" in r.match ? `tag:${r.match.tag}` : `priority:${r.match.priority}`} = ${r.severity.toUpperCase()}`,
      )
      .join("\n"),
  };
}

export type ZendeskIgnoreReason = "unmapped" | "no_category";
export type TicketMapping = { kind: "case"; draft: IntakeDraft } | { kind: "ignored"; reason: ZendeskIgnoreReason };

const ACCOUNT_REF = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

function reporterRefOf(mapping: ZendeskMapping, ticket: ZendeskTicket): string {
  const external = ticket.externalId?.trim() ?? "";
  if (
    mapping.reporterRef === "external_id" &&
    ACCOUNT_REF.test(external) &&
    external.length <= INTAKE_LIMITS.accountRefMax
  )
    return external;
  return `zendesk:${ticket.requesterId ?? "unknown"}`;
}

const mostSevere = (severities: Severity[]): Severity | undefined =>
  severities.reduce<Severity | undefined>((worst, s) => (!worst || isMoreSevere(s, worst) ? s : worst), undefined);

/** Applies the mapping to a ticket: a case as intake would open it, or why the ticket is ignored. */
export function mapZendeskTicket(mapping: ZendeskMapping, ticket: ZendeskTicket): TicketMapping {
  const tags = new Set(ticket.tags);
  const categoryRule = mapping.categoryByTag.find((r) => tags.has(r.tag));
  const ruleSeverity = mostSevere(
    mapping.severityRules
      .filter(({ match }) => ("tag" in match ? tags.has(match.tag) : match.priority === ticket.priority))
      .map((r) => r.severity),
  );
  if (!categoryRule && !ruleSeverity && mapping.unmapped === "ignore") return { kind: "ignored", reason: "unmapped" };
  const category = categoryById(categoryRule?.category ?? mapping.defaultCategory ?? "");
  if (!category) return { kind: "ignored", reason: "no_category" };
  const asked = ruleSeverity ?? mapping.defaultSeverity ?? category.defaultSeverity;
  // As at intake: the category's severity is a floor, a rule may raise it, never lower it.
  const severity = mostSevere([asked, category.defaultSeverity]) ?? category.defaultSeverity;
  const reporterRef = reporterRefOf(mapping, ticket);
  const title = truncate(cleanText(ticket.subject).replace(/\s+/g, " "), INTAKE_LIMITS.titleMax);
  const description = truncate(cleanText(ticket.description), INTAKE_LIMITS.descriptionMax);
  return {
    kind: "case",
    draft: {
      title: title || `Zendesk ticket #${ticket.id}`,
      category,
      severity,
      description: description || "The Zendesk event carried no description; read the ticket.",
      // A requester's name and email stay in Zendesk: the case knows them by account ref only.
      reporter: { accountRef: reporterRef, role: mapping.reporterRole, displayName: reporterRef },
      respondent: null,
      source: "zendesk",
      occurredAt: null,
      zendeskTicket: ticket.id,
    },
  };
}
