import { describe, expect, it } from "vitest";
import { userText } from "../../../src/slack/views/mrkdwn.ts";

describe("userText", () => {
  it("escapes Slack's control characters so a typed <!channel> pings nobody", () => {
    expect(userText("<!channel> & <@U123>", 100)).toBe("&lt;!channel&gt; &amp; &lt;@U123&gt;");
  });

  it("keeps text within the bound, counting the escaped length, and marks the cut", () => {
    expect(userText("abcdef", 6)).toBe("abcdef");
    expect(userText("abcdefg", 6)).toBe("abcde…");
    // "a&amp;b" is 7 long: the cut would fall inside the entity, so the entity goes whole.
    expect(userText("a&b", 5)).toBe("a…");
  });

  it.each([
    ["Fish & Chips", 8, "Fish …"],
    ["Fish & Chips", 9, "Fish …"],
    ["Fish & Chips", 10, "Fish …"],
    ["Fish & Chips", 11, "Fish &amp;…"],
    ["a<b", 4, "a…"],
    ["a>b", 5, "a…"],
    ["a<bc", 6, "a&lt;…"],
  ])("never splits an entity: %j cut to %i is %j", (text, max, expected) => {
    const shown = userText(text, max);
    expect(shown).toBe(expected);
    expect(shown.length).toBeLessThanOrEqual(max);
  });
});
