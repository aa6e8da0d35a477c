import { EntityId, profileKindSchema } from "@fleetdeck/core";
import { z } from "zod";

/** The router reads `?search=42` as the number 42; a text field takes it as its text. */
const text = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().min(1).max(500))
  .optional()
  .catch(undefined);

const profileId = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().min(1).max(100))
  .optional()
  .catch(undefined);

/** Zoom paths deeper than this are not real Go stacks (Go truncates tracebacks far earlier). */
const maxZoomDepth = 1000;

const zoomPath = z.array(z.string().max(2000)).max(maxZoomDepth).optional().catch(undefined);

/** What the top table is ordered by. */
export const topSorts = ["flat", "cum"] as const;
export type TopSort = (typeof topSorts)[number];

/**
 * Everything a person sees in the profile viewer, in its URL, so a shared link or a reload opens
 * the same zoomed frame: `/profiles/42?sampleType=cpu&path=["main.main","main.work"]&search=gc`.
 * A bad value is dropped rather than breaking a pasted link.
 */
export const profileViewSearchSchema = z.object({
  /** The sample type shown; absent means the profile's default. */
  sampleType: text,
  /** The zoom path: frames from below the root down to the zoomed one. */
  path: zoomPath,
  search: text,
  focus: text,
  hide: text,
  /** Callers' view: stacks turned leaf-first and drawn hanging down (an icicle). */
  inverted: z.boolean().optional().catch(undefined),
  /** The function whose callers and callees the sandwich view shows instead of the flame graph. */
  sandwich: text,
  sort: z.enum(topSorts).default("flat").catch("flat"),
});
export type ProfileViewSearch = z.infer<typeof profileViewSearchSchema>;
export const defaultProfileViewSearch = { sort: "flat" } as const;

/** What the diff top table is ordered by: the largest change either way, growth first, or shrink first. */
export const diffTopSorts = ["change", "growth", "shrink"] as const;
export type DiffTopSort = (typeof diffTopSorts)[number];

/** The diff page in its URL: which two profiles, and the same view state as the viewer. */
export const profileDiffSearchSchema = z.object({
  base: profileId,
  target: profileId,
  sampleType: text,
  path: zoomPath,
  search: text,
  focus: text,
  hide: text,
  sort: z.enum(diffTopSorts).default("change").catch("change"),
});
export type ProfileDiffSearch = z.infer<typeof profileDiffSearchSchema>;
export const defaultProfileDiffSearch = { sort: "change" } as const;

/** The profiles list's filters; `?instanceId=` also prefills the capture form (links from instance pages). */
export const profileListSearchSchema = z.object({
  instanceId: z.union([z.string(), z.number()]).transform(String).pipe(EntityId).optional().catch(undefined),
  kind: profileKindSchema.optional().catch(undefined),
});
export type ProfileListSearch = z.infer<typeof profileListSearchSchema>;

/**
 * What changes together when a view setting changes: a new tree (inverted, focus, hide) has other
 * paths, so the zoom is dropped with it; a new sample type keeps the zoom.
 */
export function viewChange<Change extends Partial<Pick<ProfileViewSearch, "inverted" | "focus" | "hide">>>(
  change: Change,
): Change & { path: undefined } {
  return { ...change, path: undefined };
}
