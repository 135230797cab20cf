import { CATEGORIES, type CategoryId, type PolicyClauseId } from "./categories.ts";

/** The version of the Community Guidelines, Policies and Terms of Use the clauses below quote. */
export const POLICY_CATALOG_VERSION = "2026-11-25";

/**
 * What each clause says, in one line (it is the option description in the sanction form, so at most
 * 75 characters, Slack's limit). Titles and ids live in the category catalog beside the categories.
 */
export const POLICY_CLAUSE_TEXT: Readonly<Record<PolicyClauseId, string>> = {
  "CG-1.1": "No violence, threats or intimidation toward anyone, on or off a job.",
  "CG-1.2": "No sexual contact, comments or advances toward customers or pros.",
  "CG-1.3": "No contact with or work around minors that puts them at risk.",
  "CG-1.4": "Content or conduct encouraging self-harm is removed; people get help.",
  "CG-1.5": "Work is done safely, with the licences and care the job requires.",
  "CG-2.1": "No harassment, insults or repeated unwanted contact.",
  "CG-2.2": "No refusal, pricing or treatment based on a protected trait.",
  "CG-2.3": "No sharing of someone's private information; no following or tracking.",
  "CG-3.1": "Jobs booked on the platform are paid on the platform.",
  "CG-3.2": "No fraud, fake charges, chargeback abuse or deceptive quotes.",
  "CG-3.3": "One real person per account; no sharing, selling or taking over accounts.",
  "CG-3.4": "Reviews reflect real jobs; no paid, swapped or coerced reviews.",
  "CG-4.1": "Work is delivered as quoted, or changes are agreed before they are made.",
  "CG-4.2": "Pros show up for booked jobs or cancel in good time.",
  "CG-4.3": "Services the platform prohibits are not offered or performed.",
  "CG-4.4": "Pros respect the customer's home and belongings and repair any damage.",
  "CG-5.1": "Customers treat pros with respect and pay for work done.",
  "GT-1": "The Guarantee covers damage to property during a job booked here.",
  "LE-1": "Lawful requests from courts and police are answered through Legal only.",
};

/** The categories whose cases a clause covers (from each category's policy references). */
export function categoriesCoveredBy(clause: PolicyClauseId): CategoryId[] {
  return CATEGORIES.filter((c) => c.policyRefs.includes(clause)).map((c) => c.id);
}
