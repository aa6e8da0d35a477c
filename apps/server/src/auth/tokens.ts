import { createHash, randomBytes } from "node:crypto";

/** Marks Fleetdeck API tokens, so that secret scanners and people recognise one in a log or a repo. */
export const apiTokenPrefix = "fdk_";

/** 256 random bits, URL-safe: a browser session's secret. */
export function generateSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** 256 random bits after the `fdk_` prefix. */
export function generateApiToken(): string {
  return `${apiTokenPrefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256 in hex: what the database stores and looks tokens up by. A fast hash is enough here (a
 * password needs a slow one) because the token has 256 random bits: nothing to guess. Looking up
 * by hash also means no comparison of secrets in JavaScript, so no timing to leak.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
