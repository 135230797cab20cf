/** pins.*: pinning messages in a conversation. */
import { fail, optionalString, requiredString } from "../args.ts";
import type { FakeState } from "../state.ts";
import type { Args } from "../types.ts";
import type { MethodTable } from "./handler.ts";

function pinTarget(state: FakeState, args: Args): { pins: string[]; ts: string } {
  const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
  const ts = optionalString(args, "timestamp") ?? fail("no_item_specified");
  if (!state.findMessage(channel.id, ts)) fail("message_not_found");
  let pins = state.pins.get(channel.id);
  if (!pins) {
    pins = [];
    state.pins.set(channel.id, pins);
  }
  return { pins, ts };
}

export const pinMethods: MethodTable = {
  "pins.add": (state, args) => {
    const { pins, ts } = pinTarget(state, args);
    if (pins.includes(ts)) fail("already_pinned");
    pins.push(ts);
    return {};
  },

  "pins.remove": (state, args) => {
    const { pins, ts } = pinTarget(state, args);
    const at = pins.indexOf(ts);
    if (at < 0) fail("not_pinned");
    pins.splice(at, 1);
    return {};
  },
};
