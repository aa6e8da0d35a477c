import { readFile } from "node:fs/promises";
import { computeTop, ProfileQueryError, type ProfileTop, sampleTypeIndexOf } from "@fleetdeck/core";
import { decodeProfile, ProfileDecodeError } from "@fleetdeck/pprof";
import { UsageError } from "./gc-predict.ts";

export interface ProfileTopFlags {
  sampleType?: string;
}

/**
 * `fleetdeck profile top FILE`: decodes a pprof file in this process (it is a one-shot CLI, there
 * is no event loop to protect) and computes the top table. Every problem with the input (no such
 * file, not a profile, truncated, unknown sample type) is a UsageError, which exits with code 2.
 */
export async function profileTopOfFile(file: string, flags: ProfileTopFlags): Promise<ProfileTop> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
  try {
    const profile = decodeProfile(bytes, { label: file });
    return computeTop(profile, sampleTypeIndexOf(profile, flags.sampleType));
  } catch (error) {
    if (error instanceof ProfileDecodeError) throw new UsageError(error.message);
    if (error instanceof ProfileQueryError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The --json output: exactly sampleType, unit, total and every function's name, flat and cum. */
export function profileTopJson(top: ProfileTop): ProfileTop {
  return {
    sampleType: top.sampleType,
    unit: top.unit,
    total: top.total,
    functions: top.functions.map(({ name, flat, cum }) => ({ name, flat, cum })),
  };
}
