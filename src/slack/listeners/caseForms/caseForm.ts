import type { CaseRow } from "../../../../db/schema.ts";
import type { Action } from "../../../core/permissions.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import type { ModalView } from "../../views/blocks.ts";
import type { CaseButton } from "../../views/caseSummary.ts";
import type { ViewStateValues } from "../views/viewState.ts";

/** One submission of a case form: who sent it, the case it is about (from private_metadata), what was typed. */
export interface CaseFormSubmission {
  userId: string;
  viewId: string;
  caseId: number;
  values: ViewStateValues;
  /** `view.state.values` as Slack sent it, for elements the shared parser drops (a file_input's files). */
  state: unknown;
}

/** Everything about one modal opened on a case: who may open it, what opens it, how it renders and submits. */
export interface CaseForm {
  permission: Action;
  /** Its button on the case summary, in the registry's order; the button's value is the case's human id. */
  button: CaseButton;
  /** `/incident <usage>` opens it on the case named, or the war room's (listed in help under `summary`). */
  command?: { usage: string; summary: string };
  callbackId: string;
  build: (deps: SlackDeps, record: CaseRow, userId: string) => ModalView;
  /** Calls the flow; a view returned replaces the form, else the form closes. */
  submit: (deps: SlackDeps, submission: CaseFormSubmission) => Promise<ModalView | undefined> | ModalView | undefined;
  /** The block of each field its flow names where the two differ; other fields are their own block ids. */
  fieldBlocks?: Readonly<Record<string, string>>;
  /** Where a failure that names no field is shown, so the form stays open with what was typed. */
  fallbackBlock: string;
}
