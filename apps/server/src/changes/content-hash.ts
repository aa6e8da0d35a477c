import { createHash } from "node:crypto";
import { type ChangeContent, canonicalJson } from "@fleetdeck/core";

/** What approvals bind to: the same content always hashes alike, whatever its key order. */
export function contentHashOf(content: ChangeContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
