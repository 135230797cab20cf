/**
 * Every modal, Home tab and message the bot builds, at its worst (user text at its limits, lists longer than
 * Slack's caps), checked by the stand-in's own Block Kit checker: what it refuses, Slack refuses.
 */

import { describe, expect, it } from "vitest";
import { CASE_STATUSES } from "../../../src/core/lifecycle.ts";
import { buildCloseModal } from "../../../src/slack/listeners/caseForms/closeForm.ts";
import { buildConsultModal } from "../../../src/slack/listeners/caseForms/consultForm.ts";
import { buildEvidenceModal } from "../../../src/slack/listeners/caseForms/evidenceForm.ts";
import { CASE_FORM_BUTTONS } from "../../../src/slack/listeners/caseForms/index.ts";
import { buildMediationModal } from "../../../src/slack/listeners/caseForms/mediationForm.ts";
import { buildProposalModal } from "../../../src/slack/listeners/caseForms/proposalForm.ts";
import { buildStatusModal } from "../../../src/slack/listeners/caseForms/statusForm.ts";
import type { ModalView } from "../../../src/slack/views/blocks.ts";
import { buildCaseSummary, buildWarRoomAnnouncement } from "../../../src/slack/views/caseSummary.ts";
import { buildCloseSummaryMessage } from "../../../src/slack/views/closeReplies.ts";
import { caseStatusReply, consultantCaseReply } from "../../../src/slack/views/commandReplies.ts";
import { buildConsultAnswerModal } from "../../../src/slack/views/consultAnswerModal.ts";
import { buildConsultListModal } from "../../../src/slack/views/consultListModal.ts";
import {
  buildConsultAnswerNote,
  buildConsultPing,
  buildConsultPingAnswered,
  buildConsultRoomReminder,
  buildConsultSentNote,
  buildConsultTeamReminder,
} from "../../../src/slack/views/consultMessages.ts";
import { buildEvidenceRecorded } from "../../../src/slack/views/evidenceFormResults.ts";
import { buildHomeView } from "../../../src/slack/views/homeView.ts";
import { buildIntakeConfirmation } from "../../../src/slack/views/intakeConfirmation.ts";
import { buildIntakeModal } from "../../../src/slack/views/intakeModal.ts";
import { buildPageAcknowledged, buildPageDm, buildPageEscalation } from "../../../src/slack/views/pageMessages.ts";
import {
  buildProposalEscalation,
  buildProposalMessage,
  type ProposalMessageInput,
} from "../../../src/slack/views/proposalMessage.ts";
import { buildShiftReminder } from "../../../src/slack/views/shiftMessages.ts";
import { buildSlaReminder } from "../../../src/slack/views/slaMessages.ts";
import { buildVoteModal } from "../../../src/slack/views/voteModal.ts";
import { messageBlockProblems } from "../../slack-fake/methods/chat.ts";
import { viewProblems } from "../../slack-fake/viewStore.ts";
import {
  AT,
  MANY,
  manyOf,
  worstAccount,
  worstCaseRow,
  worstConsult,
  worstEvidence,
  worstEvidenceEntry,
  worstFiles,
  worstPage,
  worstParties,
  worstProposal,
  worstSnapshot,
  worstTeams,
  worstText,
  worstVotes,
} from "../../support/worstCaseRows.ts";

/** What Slack receives: the JSON the Web API client sends. */
const asSent = (view: unknown) => JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
const record = worstCaseRow;
const manyUsers = manyOf(MANY, (i) => `U0PERSON${i}`);
const owedConsults = manyOf(MANY, (i) => ({
  consult: { ...worstConsult("open"), id: i + 1 },
  teamName: worstText(100),
  recipients: manyUsers,
}));
const proposalInput: ProposalMessageInput = {
  record,
  proposal: worstProposal,
  rung: "permanent_removal",
  account: worstAccount(0),
  evidenceRefs: worstEvidence.map((e) => `E${e.seq}`),
  standing: {
    requirement: { approvers: 2, lead: true, legal: true },
    latestVotes: worstVotes,
    tally: { outcome: "pending", missing: ["two approvals", "a lead's approval", "Legal's acknowledgement"] },
  },
  puid: null,
};
const consultInput = { record, consult: worstConsult("answered"), teamName: worstText(100) };
const pageInput = { record, page: worstPage, step: "secondary" as const, warRoom: "coming" as const };

const modals: Array<[string, () => ModalView]> = [
  ["the intake form", () => buildIntakeModal()],
  ["the intake confirmation", () => buildIntakeConfirmation(record, worstSnapshot.parties)],
  ["the evidence form", () => buildEvidenceModal(record)],
  [
    "the evidence recorded view",
    () => buildEvidenceRecorded({ record, entry: worstEvidenceEntry(0), files: worstFiles, created: true }),
  ],
  ["the consult form", () => buildConsultModal(record, worstTeams)],
  ["the consult list", () => buildConsultListModal(record, owedConsults, AT)],
  ["the consult answer form", () => buildConsultAnswerModal(record, worstConsult("open"), worstText(100))],
  ["the status form", () => buildStatusModal({ record, choices: [...CASE_STATUSES] })],
  ["the close form", () => buildCloseModal(record)],
  [
    "the mediation form",
    () => buildMediationModal({ record, parties: worstParties, checklist: worstSnapshot.checklist }),
  ],
  [
    "the proposal form",
    () => buildProposalModal({ record, parties: worstParties, evidence: worstEvidence, categoryClauses: ["CG-4.4"] }),
  ],
  ["the vote form", () => buildVoteModal(proposalInput)],
];

const messages: Array<[string, () => { blocks?: unknown[] }]> = [
  [
    "the case summary",
    () => ({ blocks: buildCaseSummary(worstSnapshot, { offerWarRoom: true, workButtons: CASE_FORM_BUTTONS }) }),
  ],
  ["the war room announcement", () => ({ blocks: buildWarRoomAnnouncement(worstSnapshot) })],
  ["the proposal message", () => buildProposalMessage(proposalInput)],
  ["the proposal escalation", () => buildProposalEscalation(proposalInput, manyUsers)],
  ["the consult ping", () => buildConsultPing(consultInput)],
  ["the answered consult ping", () => buildConsultPingAnswered(consultInput)],
  ["the consult reminder to the team", () => buildConsultTeamReminder(consultInput)],
  ["the consult sent note", () => buildConsultSentNote({ ...consultInput, destination: worstText(200) })],
  ["the consult answer note", () => buildConsultAnswerNote(consultInput)],
  ["the consult reminder in the room", () => buildConsultRoomReminder(consultInput)],
  ["the page DM", () => buildPageDm(pageInput)],
  ["the page escalation", () => buildPageEscalation(pageInput, manyUsers)],
  ["the page acknowledgement", () => buildPageAcknowledged(record, worstPage, "coming")],
  [
    "the closing summary",
    () =>
      buildCloseSummaryMessage({
        record,
        outcome: "action_taken",
        closedAt: AT,
        evidenceCount: 99_999,
        consultCount: 99_999,
        decisionCount: 99_999,
      }),
  ],
  [
    "the shift reminder",
    () =>
      buildShiftReminder({
        shift: { at: AT, primary: "U0PRIMARY", layer: worstText(80), holiday: worstText(80) },
        timeZone: "Europe/Amsterdam",
        cases: manyOf(MANY, () => record),
        total: 99_999,
      }),
  ],
  [
    "the SLA reminder",
    () =>
      buildSlaReminder({ humanId: record.humanId, notify: "U0LEAD1", clock: "resolution", threshold: 1, dueAt: AT }),
  ],
  ["the case status reply", () => caseStatusReply(worstSnapshot)],
  ["a consultant's case reply", () => consultantCaseReply(record, owedConsults)],
];

describe("the bot's views on the strict stand-in", () => {
  it.each(modals)("opens %s", (_, build) => {
    expect(viewProblems(asSent(build()), ["modal"])).toEqual([]);
  });

  it("publishes the Home tab", () => {
    const home = buildHomeView({
      mine: manyOf(MANY, () => record),
      mineScope: "own",
      queue: { sev1: 99_999, sev2: 99_999, sev3: 99_999, sev4: 99_999 },
      atRisk: { shown: [], total: 50, moreThanCounted: true },
      onCall: { configured: true, current: undefined, next: undefined },
      now: AT,
    });
    expect(viewProblems(asSent(home), ["home"])).toEqual([]);
  });

  it.each(messages)("posts %s", (_, build) => {
    expect(messageBlockProblems(asSent(build()).blocks ?? [])).toEqual([]);
  });
});
