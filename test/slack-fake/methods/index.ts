/** Every Web API method the stand-in answers, by name. */
import { chatMethods } from "./chat.ts";
import { conversationMemberMethods } from "./conversationMembers.ts";
import { conversationMethods } from "./conversations.ts";
import { fileMethods } from "./files.ts";
import type { MethodTable } from "./handler.ts";
import { miscMethods } from "./misc.ts";
import { pinMethods } from "./pins.ts";
import { userConversationMethods } from "./userConversations.ts";
import { userMethods } from "./users.ts";
import { viewMethods } from "./views.ts";

export const METHODS: MethodTable = {
  ...miscMethods,
  ...chatMethods,
  ...conversationMethods,
  ...conversationMemberMethods,
  ...pinMethods,
  ...userMethods,
  ...userConversationMethods,
  ...viewMethods,
  ...fileMethods,
};
