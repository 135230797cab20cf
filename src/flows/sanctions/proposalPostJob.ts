import type { PostedMessage } from "../../core/postedMessage.ts";
import { inTransaction } from "../../store/database.ts";
import { setProposalMessage } from "../../store/sanctions.ts";
import type { FlowDeps } from "../deps.ts";

/** Remembers where the proposal was posted, so later runs update that message. */
export function recordProposalPost(deps: FlowDeps, proposalId: number, posted: PostedMessage): void {
  inTransaction(deps.db, (tx) => setProposalMessage(tx, proposalId, { channelId: posted.channel, ts: posted.ts }));
}
