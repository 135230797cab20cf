/** Anything a test reads back (a reply, a message's blocks) as one string, to look for words in it. */
export const jsonText = (value: unknown): string => JSON.stringify(value ?? null);
