import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/core/text.ts";

describe("cleanText", () => {
  it.each([
    ["  plain  ", "plain"],
    ["keeps\nnew lines\tand tabs", "keeps\nnew lines\tand tabs"],
    ["drops\u0000 NUL\u0007 bell\u001b[31m escape\u007f DEL", "drops NUL bell[31m escape DEL"],
    [null, ""],
    [undefined, ""],
  ])("%j becomes %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
