import { grantRole, type Harness, USERS } from "./harness.ts";

/** On-call people for tests, each a specialist so they may take pages. */
export const ON_CALL = { ana: "U0ANA01", ben: "U0BEN01", cat: "U0CAT01" } as const;

export async function addOnCallPeople(h: Harness, ids: readonly string[] = Object.values(ON_CALL)): Promise<void> {
  for (const id of ids) {
    h.fake.addUser({ id, name: id.toLowerCase() });
    await grantRole(h, id, "specialist");
  }
}

/** A lead types `/incident oncall …`; the reply text. */
export async function onCallCommand(h: Harness, text: string, userId: string = USERS.lead): Promise<string> {
  const res = await h.driver.command({ text: `oncall ${text}`.trim(), userId, channelId: h.triageChannelId });
  return (res.body as { text?: string }).text ?? "";
}

/** Adds a rotation layer as a lead would; fails the test when the bot refuses it. */
export async function addLayer(h: Harness, spec: string): Promise<void> {
  const reply = await onCallCommand(h, `layer add ${spec}`);
  if (!reply.includes(" added ")) throw new Error(`could not add on-call layer "${spec}": ${reply}`);
}

export const who = (userId: string) => `<@${userId}|x>`;
