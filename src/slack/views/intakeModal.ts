import { CATEGORIES } from "../../core/categories.ts";
import { ACCOUNT_ROLES, CASE_SOURCE_LABELS, CASE_SOURCES, INTAKE_LIMITS } from "../../core/intake.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import { CALLBACK, INTAKE_BLOCK } from "../ids.ts";
import { type ModalView, option, plain } from "./blocks.ts";
import { inputBlock, staticSelect, textInput } from "./inputs.ts";

const ROLE_LABELS = { pro: "Pro", customer: "Customer" } as const;

const roleSelect = () =>
  staticSelect(
    "Pro or customer",
    ACCOUNT_ROLES.map((r) => option(ROLE_LABELS[r], r)),
  );

/** The `/incident` intake form. Field limits here match `validateIntake`, which re-checks all of them. */
export function buildIntakeModal(): ModalView {
  const categoryOptions = CATEGORIES.map((c) =>
    option(c.label, c.id, `${severityPolicy(c.defaultSeverity).label} by default${c.sensitive ? " · sensitive" : ""}`),
  );
  const severityOptions = SEVERITIES.map((s) => {
    const policy = severityPolicy(s);
    return option(`${policy.label}: ${policy.meaning}`, s);
  });
  return {
    type: "modal" as const,
    callback_id: CALLBACK.intake,
    title: plain("New T&S case", 24),
    submit: plain("Open case", 24),
    close: plain("Cancel", 24),
    blocks: [
      inputBlock(INTAKE_BLOCK.title, "Title", textInput("Short, factual summary: no names", INTAKE_LIMITS.titleMax), {
        hint: "Shown to the team; keep personal data out of it.",
      }),
      inputBlock(INTAKE_BLOCK.category, "Category", staticSelect("What kind of report is this?", categoryOptions)),
      inputBlock(INTAKE_BLOCK.severity, "Severity", staticSelect("Category default", severityOptions), {
        optional: true,
        hint: "Leave empty for the category's default. You can raise it, not lower it.",
      }),
      inputBlock(
        INTAKE_BLOCK.description,
        "What happened",
        textInput("Facts as reported: who, what, when, where", INTAKE_LIMITS.descriptionMax, true),
      ),
      inputBlock(
        INTAKE_BLOCK.reporter,
        "Reporter account id",
        textInput("e.g. cus_48213 or pro_9911", INTAKE_LIMITS.accountRefMax),
      ),
      inputBlock(INTAKE_BLOCK.reporterRole, "Reporter is a", roleSelect()),
      inputBlock(
        INTAKE_BLOCK.reporterName,
        "Reporter display name",
        textInput("As shown on the platform", INTAKE_LIMITS.displayNameMax),
        {
          optional: true,
        },
      ),
      inputBlock(
        INTAKE_BLOCK.respondent,
        "Respondent account id",
        textInput("The account reported, if known", INTAKE_LIMITS.accountRefMax),
        { optional: true },
      ),
      inputBlock(INTAKE_BLOCK.respondentRole, "Respondent is a", roleSelect(), { optional: true }),
      inputBlock(
        INTAKE_BLOCK.respondentName,
        "Respondent display name",
        textInput("As shown on the platform", INTAKE_LIMITS.displayNameMax),
        { optional: true },
      ),
      inputBlock(
        INTAKE_BLOCK.source,
        "Reported through",
        staticSelect(
          "Channel of the report",
          CASE_SOURCES.map((s) => option(CASE_SOURCE_LABELS[s], s)),
        ),
      ),
      inputBlock(INTAKE_BLOCK.occurredAt, "When it happened", { type: "datetimepicker" }, { optional: true }),
      inputBlock(INTAKE_BLOCK.zendeskTicket, "Zendesk ticket", textInput("Ticket number, digits only", 20), {
        optional: true,
      }),
    ],
  };
}
