import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { saveZendeskMapping } from "../../../flows/zendesk/saveZendeskMapping.ts";
import { ZENDESK_MAPPING_BLOCK as B, CALLBACK } from "../../ids.ts";
import { answerSubmission } from "../answerSubmission.ts";
import { readText, viewStateValues } from "./viewState.ts";

/** The Zendesk mapping modal: saved as a new version, or field errors on the lines that need another look. */
export function registerZendeskMappingSubmission(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.zendeskMapping, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.zendeskMapping, viewId: view.id, userId: body.user.id };
    await ack(
      await answerSubmission(deps, context, { fallback: B.categoryRules }, () => {
        const values = viewStateValues.parse(view.state.values);
        saveZendeskMapping(deps, {
          actor: body.user.id,
          form: {
            category_rules: readText(values, B.categoryRules),
            severity_rules: readText(values, B.severityRules),
            default_category: readText(values, B.defaultCategory),
            default_severity: readText(values, B.defaultSeverity),
            unmapped: readText(values, B.unmapped),
            reporter_ref: readText(values, B.reporterRef),
            reporter_role: readText(values, B.reporterRole),
          },
        });
        return undefined;
      }),
    );
  });
}
