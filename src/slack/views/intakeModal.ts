import { CATEGORIES } from "../../core/categories.ts";
import { ACCOUNT_ROLES, CASE_SOURCE_LABELS, CASE_SOURCES, INTAKE_LIMITS } from "../../core/intake.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import { CALLBACK, INPUT_ACTION, INTAKE_BLOCK } from "../ids.ts";
import { type Block, type ModalView, option, plain } from "./blocks.ts";

const ROLE_LABELS = { pro: "Pro", customer: "Customer" } as const;

interface InputOptions {
  optional?: boolean;
  hint?: string;
}

function input(blockId: string, label: string, element: Record<string, unknown>, opts: InputOptions = {}): Block {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    element: { action_id: INPUT_ACTION, ...element },
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

const textInput = (placeholder: string, maxLength: number, multiline = false) => ({
  type: "plain_text_input",
  placeholder: plain(placeholder, 150),
  max_length: maxLength,
  multiline,
});

const select = (placeholder: string, options: ReturnType<typeof option>[]) => ({
  type: "static_select",
  placeholder: plain(placeholder, 150),
  options,
});

const roleSelect = () =>
  select(
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
      input(INTAKE_BLOCK.title, "Title", textInput("Short, factual summary: no names", INTAKE_LIMITS.titleMax), {
        hint: "Shown to the team; keep personal data out of it.",
      }),
      input(INTAKE_BLOCK.category, "Category", select("What kind of report is this?", categoryOptions)),
      input(INTAKE_BLOCK.severity, "Severity", select("Category default", severityOptions), {
        optional: true,
        hint: "Leave empty for the category's default. You can raise it, not lower it.",
      }),
      input(
        INTAKE_BLOCK.description,
        "What happened",
        textInput("Facts as reported: who, what, when, where", INTAKE_LIMITS.descriptionMax, true),
      ),
      input(
        INTAKE_BLOCK.reporter,
        "Reporter account id",
        textInput("e.g. cus_48213 or pro_9911", INTAKE_LIMITS.accountRefMax),
      ),
      input(INTAKE_BLOCK.reporterRole, "Reporter is a", roleSelect()),
      input(
        INTAKE_BLOCK.reporterName,
        "Reporter display name",
        textInput("As shown on the platform", INTAKE_LIMITS.displayNameMax),
        {
          optional: true,
        },
      ),
      input(
        INTAKE_BLOCK.respondent,
        "Respondent account id",
        textInput("The account reported, if known", INTAKE_LIMITS.accountRefMax),
        { optional: true },
      ),
      input(INTAKE_BLOCK.respondentRole, "Respondent is a", roleSelect(), { optional: true }),
      input(
        INTAKE_BLOCK.respondentName,
        "Respondent display name",
        textInput("As shown on the platform", INTAKE_LIMITS.displayNameMax),
        { optional: true },
      ),
      input(
        INTAKE_BLOCK.source,
        "Reported through",
        select(
          "Channel of the report",
          CASE_SOURCES.map((s) => option(CASE_SOURCE_LABELS[s], s)),
        ),
      ),
      input(INTAKE_BLOCK.occurredAt, "When it happened", { type: "datetimepicker" }, { optional: true }),
      input(INTAKE_BLOCK.zendeskTicket, "Zendesk ticket", textInput("Ticket number, digits only", 20), {
        optional: true,
      }),
    ],
  };
}
