import type { CaseRow, ConsultTeamRow } from "../../../../db/schema.ts";
import { consultTeamsFor, hasSlackTarget } from "../../../flows/consults/configureConsultTeam.ts";
import { CONSULT_LIMITS, type ConsultRequestField, requestConsult } from "../../../flows/consults/requestConsult.ts";
import { LIMITS, type ModalView, option, plain } from "../../views/blocks.ts";
import { inputBlock, textInput } from "../../views/inputs.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readInput, readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

const CALLBACK_ID = "consult_request";

/** Block ids; `fieldBlocks` below maps the flow's field names onto them. */
export const CONSULT_BLOCK = { team: "team", question: "question", due: "due_at" } as const;

/**
 * "Consult" on a case: team, question, due time. Teams without a Slack target are listed (so people
 * learn they exist) and refused at submit with a pointer to `/incident team`.
 */
export function buildConsultModal(record: CaseRow, teams: readonly ConsultTeamRow[]): ModalView {
  const options = teams
    .slice(0, LIMITS.selectOptions)
    .map((t) => option(t.name, t.key, hasSlackTarget(t) ? undefined : "No Slack group or channel yet"));
  return {
    type: "modal" as const,
    callback_id: CALLBACK_ID,
    private_metadata: writeCaseMetadata(record),
    title: plain(`Consult · ${record.humanId}`, LIMITS.modalTitle),
    submit: plain("Send", LIMITS.modalTitle),
    close: plain("Cancel", LIMITS.modalTitle),
    blocks: [
      inputBlock(CONSULT_BLOCK.team, "Team", {
        type: "static_select",
        placeholder: plain("Who should answer?", 150),
        options,
      }),
      inputBlock(
        CONSULT_BLOCK.question,
        "Question",
        textInput(
          "What do you need to know? Only this question is shared with the team.",
          CONSULT_LIMITS.questionMax,
          true,
        ),
        { hint: "The team sees the case id, severity, category and this question; nothing else of the case." },
      ),
      inputBlock(CONSULT_BLOCK.due, "Answer due", { type: "datetimepicker" }, { hint: "Within the next 30 days." }),
    ],
  };
}

/** Ask a team (Legal, Payments, Product…) a question about the case, with a due time. */
export const CONSULT_FORM = {
  permission: "consult.request",
  button: { label: "Consult", actionId: "request_consult" },
  callbackId: CALLBACK_ID,
  build: (deps, record, userId) => buildConsultModal(record, consultTeamsFor(deps, userId)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    const due = readInput(values, CONSULT_BLOCK.due);
    requestConsult(deps, {
      userId,
      viewId,
      caseId,
      teamKey: readText(values, CONSULT_BLOCK.team),
      question: readText(values, CONSULT_BLOCK.question),
      // The datetimepicker answers in epoch seconds.
      dueAt: typeof due === "number" ? due * 1000 : null,
    });
    return undefined;
  },
  fieldBlocks: {
    team: CONSULT_BLOCK.team,
    question: CONSULT_BLOCK.question,
    dueAt: CONSULT_BLOCK.due,
  } satisfies Record<ConsultRequestField, string>,
  fallbackBlock: CONSULT_BLOCK.question,
} satisfies CaseForm;
