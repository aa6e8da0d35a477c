import { z } from "zod";

/** A jsonb object whose meaning belongs to the caller, which validates it (e.g. as a RuntimeConfigPatch). */
export type JsonObject = Record<string, unknown>;

export const jsonObject = z.record(z.string(), z.unknown());
