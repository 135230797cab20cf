import type { App } from "@slack/bolt";
import { type IntakeRaw, validateIntake } from "../../../core/intake.ts";
import { loadParties } from "../../../flows/cases/loadCaseSnapshot.ts";
import { openCase } from "../../../flows/cases/openCase.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { toSubmissionErrors } from "../../errors.ts";
import { CALLBACK, INTAKE_BLOCK } from "../../ids.ts";
import { buildIntakeConfirmation } from "../../views/intakeConfirmation.ts";
import { readInput, readText, viewStateValues } from "./viewState.ts";

export function registerIntakeSubmission(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.intake, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.intake, viewId: view.id, userId: body.user.id };
    try {
      const values = viewStateValues.parse(view.state.values);
      const occurredAt = readInput(values, INTAKE_BLOCK.occurredAt);
      const raw: IntakeRaw = {
        title: readText(values, INTAKE_BLOCK.title),
        category: readText(values, INTAKE_BLOCK.category),
        severity: readText(values, INTAKE_BLOCK.severity),
        description: readText(values, INTAKE_BLOCK.description),
        reporter: readText(values, INTAKE_BLOCK.reporter),
        reporter_role: readText(values, INTAKE_BLOCK.reporterRole),
        reporter_name: readText(values, INTAKE_BLOCK.reporterName),
        respondent: readText(values, INTAKE_BLOCK.respondent),
        respondent_role: readText(values, INTAKE_BLOCK.respondentRole),
        respondent_name: readText(values, INTAKE_BLOCK.respondentName),
        source: readText(values, INTAKE_BLOCK.source),
        occurred_at: typeof occurredAt === "number" ? occurredAt * 1000 : null,
        zendesk_ticket: readText(values, INTAKE_BLOCK.zendeskTicket),
      };
      const draft = validateIntake(raw, deps.clock.now());
      const { record } = openCase(deps, { draft, createdBy: body.user.id, intakeViewId: view.id });
      await ack({ response_action: "update", view: buildIntakeConfirmation(record, loadParties(deps.db, record)) });
    } catch (error) {
      await ack(toSubmissionErrors(error, { fallback: INTAKE_BLOCK.title }, deps.log, context));
    }
  });
}
