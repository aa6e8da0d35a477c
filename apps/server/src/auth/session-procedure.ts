import { TRPCError } from "@trpc/server";
import { readProcedure } from "../trpc/trpc.ts";
import type { Identity } from "./identity.ts";

/** A caller signed in to the console with a browser session (not acting with an API token). */
export type SessionIdentity = Identity & { kind: "user"; sessionId: string };

/**
 * Like readProcedure (any signed-in user), for what only a person at the console may do: change
 * their password, mint or revoke API tokens. A leaked token must not be able to make itself
 * permanent by minting others, nor lock its owner out.
 */
export const sessionReadProcedure = readProcedure.use(({ ctx, next }) => {
  const { identity } = ctx;
  if (identity.kind !== "user" || identity.sessionId === undefined) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "an API token cannot do this: sign in to the console and do it there",
    });
  }
  return next({ ctx: { identity: { ...identity, kind: "user" as const, sessionId: identity.sessionId } } });
});
