import { z } from "zod";

/** The profiles Go's net/http/pprof serves under /debug/pprof/, by their path names. */
export const profileKinds = ["cpu", "heap", "allocs", "goroutine", "mutex", "block"] as const;
export const profileKindSchema = z.enum(profileKinds);
export type ProfileKind = z.infer<typeof profileKindSchema>;

/** The net/http/pprof path of each kind: CPU profiles are served as "profile". */
export function pprofPathOf(kind: ProfileKind): string {
  return kind === "cpu" ? "profile" : kind;
}
