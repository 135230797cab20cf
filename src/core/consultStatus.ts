/** open: waiting for the team's answer; answered and cancelled are final. */
export const CONSULT_STATUSES = ["open", "answered", "cancelled"] as const;
export type ConsultStatus = (typeof CONSULT_STATUSES)[number];
