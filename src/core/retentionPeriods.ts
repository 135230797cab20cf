/**
 * Days a closed case keeps its personal data, counted from its close; whole years with their leap days, so a
 * period never ends early. Counsel may lengthen any of them; a lead's legal hold keeps a single case longer.
 */
export const RETENTION_DAYS = {
  // DSA Art. 20: complaints stay open 6 months after the decision; Art. 21 bodies then take up to 180 days.
  dispute: 366,
  // The regular limitation period for civil claims (3 years, e.g. BGB §195): a sanction or payout contested in court.
  conduct: 1096,
  // Records of what was disclosed to whom, for the requesting authority's and a court's review.
  legal: 1827,
  // Injury, abuse and minors: criminal proceedings and damage claims run long (limitation often starts at majority).
  harm: 3653,
} as const satisfies Record<string, number>;
export type RetentionClass = keyof typeof RETENTION_DAYS;
