import type { CaseRow, ConsultRow } from "../../../db/schema.ts";
import { CONSULT_ANSWER_LIMIT } from "../../flows/consults/answerConsult.ts";
import { CALLBACK, CONSULT_ANSWER_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { fields, LIMITS, type ModalView, plain, section } from "./blocks.ts";
import { inputBlock, textInput } from "./inputs.ts";
import { slackDate, userText } from "./mrkdwn.ts";

/** "Answer" on a consult: the question as asked, and the answer field. */
export function buildConsultAnswerModal(record: CaseRow, consult: ConsultRow, teamName: string): ModalView {
  return {
    type: "modal" as const,
    callback_id: CALLBACK.consultAnswer,
    private_metadata: writeCaseMetadata(record, { consultId: consult.id }),
    title: plain(`Answer · ${record.humanId}`, LIMITS.modalTitle),
    submit: plain("Send answer", LIMITS.modalTitle),
    close: plain("Cancel", LIMITS.modalTitle),
    blocks: [
      fields([
        ["Case", record.humanId],
        ["Team", userText(teamName, 40)],
        ["Due", slackDate(consult.dueAt)],
      ]),
      section(`*Question*\n${userText(consult.question, LIMITS.sectionText - 20)}`),
      inputBlock(
        CONSULT_ANSWER_BLOCK.answer,
        "Your answer",
        textInput("The team's answer, as it should go on the case record", CONSULT_ANSWER_LIMIT, true),
        { hint: "Posted to the case team and kept on the case record." },
      ),
    ],
  };
}
