import type { RetentionClass } from "./retentionPeriods.ts";
import type { Severity } from "./severity.ts";

/** Bump when a category, default or mapping changes, so reports can say which catalog a case used. */
export const CATEGORY_CATALOG_VERSION = "2026-11-25";

/**
 * Statement categories of the EU DSA Transparency Database, schema v2 (in force since 1 July 2025,
 * Implementing Regulation (EU) 2024/2835). v1 values such as SCOPE_OF_PLATFORM_SERVICE,
 * NON_CONSENSUAL_BEHAVIOUR and UNSAFE_AND_ILLEGAL_PRODUCTS are no longer accepted by the API.
 */
export const DSA_STATEMENT_CATEGORIES = [
  "STATEMENT_CATEGORY_ANIMAL_WELFARE",
  "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
  "STATEMENT_CATEGORY_CYBER_VIOLENCE",
  "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
  "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
  "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
  "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
  "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
  "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
  "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
  "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
  "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
  "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
  "STATEMENT_CATEGORY_SELF_HARM",
  "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
  "STATEMENT_CATEGORY_VIOLENCE",
] as const;
export type DsaStatementCategory = (typeof DSA_STATEMENT_CATEGORIES)[number];

/** Clauses of our Community Guidelines (CG), Guarantee terms (GT) and legal-request policy (LE); ids are stable. */
export const POLICY_CLAUSES = {
  "CG-1.1": "Violence and threats of violence",
  "CG-1.2": "Sexual misconduct",
  "CG-1.3": "Safety of minors",
  "CG-1.4": "Self-harm and suicide",
  "CG-1.5": "Safe work practices",
  "CG-2.1": "Harassment and intimidation",
  "CG-2.2": "Discrimination",
  "CG-2.3": "Privacy, stalking and doxxing",
  "CG-3.1": "Payments stay on the platform",
  "CG-3.2": "Fraud and deception",
  "CG-3.3": "Account security and authenticity",
  "CG-3.4": "Authentic reviews",
  "CG-4.1": "Work delivered as quoted",
  "CG-4.2": "Showing up for booked jobs",
  "CG-4.3": "Prohibited services",
  "CG-4.4": "Respect for the customer's property",
  "CG-5.1": "Customer conduct toward pros",
  "GT-1": "Guarantee: damage to property during a job",
  "LE-1": "Requests from courts and law enforcement",
} as const satisfies Record<string, string>;
export type PolicyClauseId = keyof typeof POLICY_CLAUSES;

export function policyClauseTitle(id: string): string | undefined {
  return Object.hasOwn(POLICY_CLAUSES, id) ? POLICY_CLAUSES[id as PolicyClauseId] : undefined;
}

interface CategoryFields {
  /** Option text in the intake select: at most 75 characters (Slack's limit). */
  label: string;
  /** Option description in the intake select: one line, at most 75 characters (Slack's limit). */
  description: string;
  defaultSeverity: Severity;
  /** Involves victims, minors, health or law enforcement: always a private war room, need-to-know access. */
  sensitive: boolean;
  /** Default for the decision's DSA `category`; a decision may pick another. */
  dsaCategory: DsaStatementCategory;
  policyRefs: readonly PolicyClauseId[];
  /** Mediate between pro and customer before any sanction is proposed. */
  mediationFirst: boolean;
  /** How long a closed case keeps its personal data (RETENTION_DAYS), before redaction. */
  retention: RetentionClass;
}

// One row per category, in the order the intake select lists them. Keys are the ids: kebab-case,
// at most 24 characters, because they end war-room channel names (`ts-<year>-<seq>-<id>`).
const CATALOG = {
  "physical-safety": {
    label: "Physical safety",
    description: "Assault, threat of violence or imminent danger to a person",
    defaultSeverity: "sev1",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
    policyRefs: ["CG-1.1"],
    mediationFirst: false,
    retention: "harm",
  },
  minors: {
    label: "Minor involved",
    description: "A child harmed, endangered or contacted inappropriately",
    defaultSeverity: "sev1",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    policyRefs: ["CG-1.3"],
    mediationFirst: false,
    retention: "harm",
  },
  "self-harm": {
    label: "Self-harm or suicide risk",
    description: "A pro or customer at risk of harming themselves",
    defaultSeverity: "sev1",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_SELF_HARM",
    policyRefs: ["CG-1.4"],
    mediationFirst: false,
    retention: "harm",
  },
  "sexual-misconduct": {
    label: "Sexual misconduct",
    description: "Sexual assault, unwanted advances or sexual harassment",
    defaultSeverity: "sev2",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
    policyRefs: ["CG-1.2"],
    mediationFirst: false,
    retention: "harm",
  },
  "stalking-doxxing": {
    label: "Stalking or doxxing",
    description: "Following, tracking, or exposing someone's personal details",
    defaultSeverity: "sev2",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    policyRefs: ["CG-2.3"],
    mediationFirst: false,
    retention: "harm",
  },
  "bodily-injury": {
    label: "Bodily injury",
    description: "Someone hurt during a job through unsafe work or an accident",
    defaultSeverity: "sev2",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
    policyRefs: ["CG-1.5"],
    mediationFirst: false,
    retention: "harm",
  },
  theft: {
    label: "Theft",
    description: "Money or belongings taken from a home or job site",
    defaultSeverity: "sev2",
    sensitive: false,
    // v2 has no property-crime category; the breach of our terms is what the statement records.
    dsaCategory: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    policyRefs: ["CG-4.4"],
    mediationFirst: false,
    retention: "conduct",
  },
  "payment-fraud": {
    label: "Payment fraud",
    description: "Stolen cards, chargeback abuse, fake invoices, fraud with loss",
    defaultSeverity: "sev2",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    policyRefs: ["CG-3.2"],
    mediationFirst: false,
    retention: "conduct",
  },
  "account-takeover": {
    label: "Account takeover / integrity",
    description: "Hijacked, impersonated, duplicate or fake accounts",
    defaultSeverity: "sev2",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    policyRefs: ["CG-3.3"],
    mediationFirst: false,
    retention: "conduct",
  },
  "legal-request": {
    label: "Legal / law-enforcement request",
    description: "Subpoena, court order, police or regulator request",
    defaultSeverity: "sev2",
    sensitive: true,
    // The request names the legal ground; the decision replaces this with the actual category.
    dsaCategory: "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
    policyRefs: ["LE-1"],
    mediationFirst: false,
    retention: "legal",
  },
  harassment: {
    label: "Harassment",
    description: "Abusive, threatening or intimidating messages or behaviour",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    policyRefs: ["CG-2.1"],
    mediationFirst: false,
    retention: "conduct",
  },
  discrimination: {
    label: "Discrimination",
    description: "Refusal or abuse based on race, religion, gender, disability, etc.",
    defaultSeverity: "sev3",
    sensitive: true,
    dsaCategory: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    policyRefs: ["CG-2.2"],
    mediationFirst: false,
    retention: "conduct",
  },
  "property-damage": {
    label: "Property damage (Guarantee claim)",
    description: "Damage to a customer's home or belongings during a job",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    policyRefs: ["CG-4.4", "GT-1"],
    mediationFirst: true,
    retention: "conduct",
  },
  "no-show": {
    label: "No-show after payment",
    description: "Pro was paid but did not turn up or abandoned the job",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    policyRefs: ["CG-4.2", "CG-3.2"],
    mediationFirst: false,
    retention: "conduct",
  },
  "off-platform-payment": {
    label: "Off-platform payment",
    description: "Asking for or taking payment outside the platform",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    policyRefs: ["CG-3.1"],
    mediationFirst: false,
    retention: "conduct",
  },
  "review-integrity": {
    label: "Review integrity",
    description: "Fake, paid, swapped or extorted reviews",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    policyRefs: ["CG-3.4"],
    mediationFirst: false,
    retention: "conduct",
  },
  "prohibited-service": {
    label: "Prohibited service",
    description: "Unlicensed regulated work or a service the platform does not allow",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
    policyRefs: ["CG-4.3"],
    mediationFirst: false,
    retention: "conduct",
  },
  "customer-misconduct": {
    label: "Customer misconduct toward a pro",
    description: "Abuse, unsafe conditions or bad-faith non-payment by a customer",
    defaultSeverity: "sev3",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    policyRefs: ["CG-5.1"],
    mediationFirst: false,
    retention: "conduct",
  },
  "service-quality": {
    label: "Service-quality dispute",
    description: "Work not done as quoted, poor workmanship, pricing dispute",
    defaultSeverity: "sev4",
    sensitive: false,
    dsaCategory: "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
    policyRefs: ["CG-4.1"],
    mediationFirst: false,
    retention: "dispute",
  },
} as const satisfies Record<string, CategoryFields>;

export type CategoryId = keyof typeof CATALOG;

export interface Category extends CategoryFields {
  id: CategoryId;
}

export const CATEGORIES: readonly Category[] = (Object.keys(CATALOG) as CategoryId[]).map((id) => ({
  id,
  ...CATALOG[id],
}));

const CATEGORIES_BY_ID: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.id, c]));

export function categoryById(id: string): Category | undefined {
  return CATEGORIES_BY_ID.get(id);
}

export function isCategoryId(id: string): id is CategoryId {
  return CATEGORIES_BY_ID.has(id);
}
