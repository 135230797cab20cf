import { expect } from "vitest";
import { ACTION, CALLBACK, VOTE_BLOCK } from "../../src/slack/ids.ts";
import { PROPOSAL_BLOCK, PROPOSAL_FORM } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import type { Harness } from "./harness.ts";

export interface DecideSanctionInput {
  roomId: string;
  proposer: string;
  /** Someone other than the proposer: one approval decides a restriction or a temporary suspension. */
  approver: string;
  /** A rung one approver decides, e.g. `suspension_30d`. */
  rung: string;
  facts: string;
}

type Block = { block_id?: string; element?: { options?: Array<{ value: string }>; initial_options?: unknown } };

/** Clicks a button on a message and returns the modal it opened for the user. */
async function openModalFrom(
  h: Harness,
  input: { userId: string; channelId: string; messageTs: string; actionId: string; callbackId: string },
) {
  const before = new Set(h.fake.views().map((v) => v.id));
  await h.driver.clickButton(input);
  const opened = () => h.fake.views().find((v) => !before.has(v.id) && v.callback_id === input.callbackId);
  await expect.poll(opened).toBeDefined();
  const view = opened();
  if (!view) throw new Error(`no ${input.callbackId} modal opened`);
  return view;
}

/**
 * Arrange step: a sanction decided the way the war room decides it, the proposal form opened from the
 * pinned summary (the case's first account, the category's clauses) and one approving vote.
 */
export async function decideSanction(h: Harness, input: DecideSanctionInput): Promise<void> {
  const summaryTs = h.fake.pins(input.roomId)[0] ?? "";
  const form = await openModalFrom(h, {
    userId: input.proposer,
    channelId: input.roomId,
    messageTs: summaryTs,
    actionId: PROPOSAL_FORM.button.actionId,
    callbackId: PROPOSAL_FORM.callbackId,
  });
  const block = (id: string) => (form.blocks as Block[]).find((b) => b.block_id === id);
  const clauses = (block(PROPOSAL_BLOCK.clauses)?.element?.initial_options ?? []) as Array<{ value: string }>;
  const proposed = await h.driver.submitView({
    viewId: form.id,
    userId: input.proposer,
    values: {
      [PROPOSAL_BLOCK.account]: block(PROPOSAL_BLOCK.account)?.element?.options?.[0]?.value ?? "",
      [PROPOSAL_BLOCK.rung]: input.rung,
      [PROPOSAL_BLOCK.clauses]: clauses.map((c) => c.value),
      [PROPOSAL_BLOCK.facts]: input.facts,
    },
  });
  expect(proposed.body).toBe("");
  await h.settle();

  const proposal = h.fake.messages(input.roomId).find((m) => m.text?.startsWith("Sanction proposal P1 "));
  const ballot = await openModalFrom(h, {
    userId: input.approver,
    channelId: input.roomId,
    messageTs: proposal?.ts ?? "",
    actionId: ACTION.vote,
    callbackId: CALLBACK.vote,
  });
  const voted = await h.driver.submitView({
    viewId: ballot.id,
    userId: input.approver,
    values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "approve: the evidence is clear" },
  });
  expect(voted.body).toBe("");
  await h.settle();
}
