import { z } from "zod";
import { type Category, categoryById } from "./categories.ts";
import { DomainError } from "./domainError.ts";
import { isMoreSevere, parseSeverity, type Severity, severityPolicy } from "./severity.ts";
import { cleanText } from "./text.ts";

export const CASE_SOURCES = ["phone", "email", "in_app", "zendesk", "internal"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Readonly<Record<CaseSource, string>> = {
  phone: "Phone",
  email: "Email",
  in_app: "In-app report",
  zendesk: "Zendesk",
  internal: "Internal detection",
};

export const ACCOUNT_ROLES = ["pro", "customer"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Where an account stands in a case. */
export const PARTY_ROLES = ["reporter", "respondent"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const INTAKE_LIMITS = {
  titleMax: 150,
  descriptionMax: 3000,
  accountRefMax: 64,
  displayNameMax: 80,
  zendeskTicketDigits: 12,
  /** Clocks drift; an occurred-at this far ahead of now is still accepted. */
  futureToleranceMs: 5 * 60_000,
} as const;

/** What the intake form sent, every field possibly missing. Field names are the modal's block ids. */
export interface IntakeRaw {
  title: string | null;
  category: string | null;
  severity: string | null;
  description: string | null;
  reporter: string | null;
  reporter_role: string | null;
  reporter_name: string | null;
  respondent: string | null;
  respondent_role: string | null;
  respondent_name: string | null;
  source: string | null;
  occurred_at: number | null;
  zendesk_ticket: string | null;
}

export interface PartyDraft {
  accountRef: string;
  role: AccountRole;
  displayName: string;
}

export interface IntakeDraft {
  title: string;
  category: Category;
  severity: Severity;
  description: string;
  reporter: PartyDraft;
  respondent: PartyDraft | null;
  source: CaseSource;
  occurredAt: number | null;
  zendeskTicket: string | null;
}

const requiredText = (label: string, max: number) =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, " "))
    .pipe(z.string().min(1, `Enter a ${label}.`).max(max, `Keep the ${label} to ${max} characters or fewer.`));

const accountRef = z
  .string()
  .max(INTAKE_LIMITS.accountRefMax, `Account ids are at most ${INTAKE_LIMITS.accountRefMax} characters.`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "Use the platform account id (letters, digits, - _ . :), not a name.");

const fieldSchemas = {
  title: requiredText("title", INTAKE_LIMITS.titleMax),
  description: z
    .string()
    .min(1, "Describe what happened.")
    .max(INTAKE_LIMITS.descriptionMax, `Keep the description to ${INTAKE_LIMITS.descriptionMax} characters or fewer.`),
  reporter: z.string().min(1, "Enter the reporter's platform account id.").pipe(accountRef),
  reporter_name: z.string().max(INTAKE_LIMITS.displayNameMax, `At most ${INTAKE_LIMITS.displayNameMax} characters.`),
  respondent: z.union([z.literal(""), accountRef]),
  respondent_name: z.string().max(INTAKE_LIMITS.displayNameMax, `At most ${INTAKE_LIMITS.displayNameMax} characters.`),
  zendesk_ticket: z
    .string()
    .regex(
      new RegExp(`^\\d{0,${INTAKE_LIMITS.zendeskTicketDigits}}$`),
      "A Zendesk ticket id is digits only, like 482113.",
    ),
} as const;

/**
 * Checks an intake form against the catalog and `now`; reports every bad field at once.
 * Severity defaults from the category and may be raised, never lowered.
 */
export function validateIntake(raw: IntakeRaw, now: number): IntakeDraft {
  const errors: Record<string, string> = {};
  const text = <K extends keyof typeof fieldSchemas>(field: K): string => {
    const parsed = fieldSchemas[field].safeParse(cleanText(raw[field]));
    if (parsed.success) return parsed.data;
    errors[field] = parsed.error.issues[0]?.message ?? "Invalid value.";
    return "";
  };

  const title = text("title");
  const description = text("description");
  const reporterRef = text("reporter");
  const reporterName = text("reporter_name");
  const respondentRef = text("respondent");
  const respondentName = text("respondent_name");
  const zendeskTicket = text("zendesk_ticket");

  const category = raw.category ? categoryById(raw.category) : undefined;
  if (!category) errors.category = raw.category ? "Pick a category from the list." : "Pick a category.";

  let severity: Severity | undefined;
  if (raw.severity) {
    severity = parseSeverity(raw.severity);
    if (!severity) errors.severity = "Pick a severity from the list.";
  }
  if (category && severity && isMoreSevere(category.defaultSeverity, severity)) {
    const floor = severityPolicy(category.defaultSeverity).label;
    errors.severity = `${category.label} is at least ${floor}: severity can be raised, not lowered.`;
  }

  const reporterRole = parseRole(raw.reporter_role);
  if (!reporterRole) errors.reporter_role = "Is the reporter a pro or a customer?";
  const respondentRole = parseRole(raw.respondent_role);
  if (respondentRef && !respondentRole) errors.respondent_role = "Is the respondent a pro or a customer?";
  if (!respondentRef && respondentName)
    errors.respondent = "Enter the respondent's platform account id, or clear the name.";
  if (
    reporterRef &&
    respondentRef &&
    reporterRef === respondentRef &&
    reporterRole !== undefined &&
    reporterRole === respondentRole
  ) {
    errors.respondent = "The respondent cannot be the reporter's own account.";
  }

  const source = CASE_SOURCES.find((s) => s === raw.source);
  if (!source) errors.source = raw.source ? "Pick a source from the list." : "Where did this report come from?";
  if (source === "zendesk" && !zendeskTicket && !errors.zendesk_ticket) {
    errors.zendesk_ticket = "A report from Zendesk needs its ticket id.";
  }

  if (raw.occurred_at !== null && raw.occurred_at > now + INTAKE_LIMITS.futureToleranceMs) {
    errors.occurred_at = "That time is in the future.";
  }

  if (Object.keys(errors).length > 0 || !category || !reporterRole || !source) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return {
    title,
    category,
    severity: severity ?? category.defaultSeverity,
    description,
    reporter: { accountRef: reporterRef, role: reporterRole, displayName: reporterName || reporterRef },
    respondent:
      respondentRef && respondentRole
        ? { accountRef: respondentRef, role: respondentRole, displayName: respondentName || respondentRef }
        : null,
    source,
    occurredAt: raw.occurred_at,
    zendeskTicket: zendeskTicket || null,
  };
}

function parseRole(value: string | null): AccountRole | undefined {
  return ACCOUNT_ROLES.find((r) => r === value);
}
