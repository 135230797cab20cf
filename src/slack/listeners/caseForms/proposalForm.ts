import { POLICY_CLAUSES, type PolicyClauseId } from "../../../core/categories.ts";
import { POLICY_CLAUSE_TEXT } from "../../../core/policyClauses.ts";
import { SANCTION_RUNG_IDS, SANCTION_RUNGS, type SanctionTier } from "../../../core/sanctions.ts";
import { PROPOSAL_FACTS_MAX } from "../../../core/statementOfReasons.ts";
import {
  PROPOSAL_FLAGS,
  type ProposalForm,
  type ProposalRaw,
  proposalForm,
  proposeSanction,
} from "../../../flows/sanctions/proposeSanction.ts";
import {
  type Block,
  context,
  LIMITS,
  type ModalView,
  type Option,
  option,
  plain,
  section,
} from "../../views/blocks.ts";
import { caseHeadline } from "../../views/caseSummary.ts";
import {
  checkboxes,
  groupedSelect,
  inputBlock,
  multiStaticSelect,
  type OptionGroup,
  staticSelect,
  textInput,
} from "../../views/inputs.ts";
import { partyOptions } from "../../views/partyOptions.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readOptions, readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

const CALLBACK_ID = "sanction_proposal";

export const PROPOSAL_BLOCK = {
  account: "account",
  rung: "rung",
  clauses: "clauses",
  facts: "facts",
  evidence: "evidence",
  flags: "flags",
} as const;

// Each block id is the name of the field its errors are reported under.
const BLOCK: { readonly [K in keyof ProposalRaw]: K } = PROPOSAL_BLOCK;

// "none" is not offered: it is only the outcome of an overturn on appeal.
const TIER_LABELS: Readonly<Record<Exclude<SanctionTier, "none">, string>> = {
  warning: "Warning",
  restriction: "Restriction",
  temporary_suspension: "Temporary suspension",
  permanent_removal: "Permanent removal",
};

/** The ladder, grouped by tier, lightest first. */
function rungGroups(): OptionGroup[] {
  return (Object.keys(TIER_LABELS) as Array<keyof typeof TIER_LABELS>).map((tier) => ({
    label: plain(TIER_LABELS[tier], 75),
    options: SANCTION_RUNG_IDS.filter((id) => SANCTION_RUNGS[id].tier === tier).map((id) =>
      option(SANCTION_RUNGS[id].label, id),
    ),
  }));
}

/** Every clause of the catalog, the category's own first. */
function clauseOptions(first: readonly PolicyClauseId[]): { options: Option[]; initial: Option[] } {
  const ids = [...first, ...(Object.keys(POLICY_CLAUSES) as PolicyClauseId[]).filter((id) => !first.includes(id))];
  const options = ids.map((id) => option(`${id} ${POLICY_CLAUSES[id]}`, id, POLICY_CLAUSE_TEXT[id]));
  return { options, initial: options.slice(0, first.length) };
}

function evidenceBlock(form: ProposalForm): Block {
  if (form.evidence.length === 0) return context("No evidence on the case yet: add some first to rely on it.");
  const options = form.evidence
    .slice(0, LIMITS.selectOptions)
    .map((e) => option(`E${e.seq} · ${e.kind.replace(/_/g, " ")}: ${e.description}`, String(e.id)));
  return inputBlock(BLOCK.evidence, "Evidence relied on", multiStaticSelect("Pick entries", options), {
    optional: true,
  });
}

const FLAG_OPTIONS = [
  option("Guarantee claim", PROPOSAL_FLAGS.guaranteeClaim, "Needs Legal's acknowledgement"),
  option("Legal flag", PROPOSAL_FLAGS.legalFlag, "Needs Legal's acknowledgement"),
];

/** The "Propose sanction" form: account, rung, clauses, facts (published: no personal data), evidence, flags. */
export function buildProposalModal(form: ProposalForm): ModalView {
  const clauses = clauseOptions(form.categoryClauses);
  return {
    type: "modal" as const,
    callback_id: CALLBACK_ID,
    private_metadata: writeCaseMetadata(form.record),
    title: plain("Propose sanction", 24),
    submit: plain("Propose", 24),
    close: plain("Cancel", 24),
    blocks: [
      section(`*${caseHeadline(form.record)}*`),
      inputBlock(BLOCK.account, "Account", staticSelect("Who is sanctioned", partyOptions(form.parties))),
      inputBlock(BLOCK.rung, "Sanction", groupedSelect("Rung of the ladder", rungGroups())),
      inputBlock(
        BLOCK.clauses,
        "Policy clauses violated",
        multiStaticSelect("Clauses", clauses.options, clauses.initial),
      ),
      inputBlock(
        BLOCK.facts,
        "Facts",
        textInput("What happened, as the decision states it", PROPOSAL_FACTS_MAX, true),
        {
          hint: "Published in the statement of reasons: no names or account ids (say “the pro”, “the customer”).",
        },
      ),
      evidenceBlock(form),
      inputBlock(BLOCK.flags, "Flags", checkboxes(FLAG_OPTIONS), { optional: true }),
    ],
  };
}

/** Propose a sanction; the votes happen on the posted proposal. */
export const PROPOSAL_FORM = {
  permission: "sanction.propose",
  button: { label: "Propose sanction", actionId: "propose_sanction" },
  command: {
    usage: "propose [TS-2026-0042]",
    summary: "propose a sanction for votes under the four-eyes rules (form)",
  },
  callbackId: CALLBACK_ID,
  build: (deps, record) => buildProposalModal(proposalForm(deps, record)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    proposeSanction(deps, {
      userId,
      caseId,
      viewId,
      raw: {
        account: readText(values, PROPOSAL_BLOCK.account),
        rung: readText(values, PROPOSAL_BLOCK.rung),
        clauses: readOptions(values, PROPOSAL_BLOCK.clauses),
        facts: readText(values, PROPOSAL_BLOCK.facts),
        evidence: readOptions(values, PROPOSAL_BLOCK.evidence),
        flags: readOptions(values, PROPOSAL_BLOCK.flags),
      },
    });
    return undefined;
  },
  fallbackBlock: PROPOSAL_BLOCK.facts,
} satisfies CaseForm;
