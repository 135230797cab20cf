/** users.* and usergroups.users.list: looking people up. */
import { fail, requiredString } from "../args.ts";
import { userJson } from "../serialize.ts";
import type { MethodTable } from "./handler.ts";

export const userMethods: MethodTable = {
  "users.info": (state, args) => {
    const user = state.user(requiredString(args, "user", "user_not_found"));
    return { user: userJson(state, user) };
  },

  "users.lookupByEmail": (state, args) => {
    const email = requiredString(args, "email").toLowerCase();
    const user = [...state.users.values()].find((u) => u.email?.toLowerCase() === email);
    return user ? { user: userJson(state, user) } : fail("users_not_found");
  },

  "usergroups.users.list": (state, args) => {
    // Slack's documented error list names no code for an unknown group; this is the one it answers.
    const users = state.usergroups.get(requiredString(args, "usergroup")) ?? fail("no_such_subteam");
    return { users: [...users] };
  },
};
