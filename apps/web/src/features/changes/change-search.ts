import { type ChangeState, EntityId } from "@fleetdeck/core";
import { z } from "zod";

/** The tabs of the changes list: a view is a set of states, and "approval" also leaves out one's own. */
export const changeListViews = ["approval", "open", "rolling", "done", "all"] as const;
export type ChangeListView = (typeof changeListViews)[number];

export const changeListViewLabels: Record<ChangeListView, string> = {
  approval: "Needs my approval",
  open: "Open",
  rolling: "Rolling",
  done: "Done",
  all: "All",
};

/** The states each view lists; undefined lists every state. */
export const changeListViewStates: Record<ChangeListView, readonly ChangeState[] | undefined> = {
  approval: ["pending_approval"],
  open: ["draft", "pending_approval", "approved"],
  rolling: ["rolling", "paused", "rolling_back"],
  done: ["completed", "rejected", "cancelled", "expired", "rolled_back"],
  all: undefined,
};

export const defaultChangeListView: ChangeListView = "all";

/** The router reads `?service=42` as a number; ids are text. */
const entityId = z.union([z.string(), z.number()]).transform(String).pipe(EntityId).optional().catch(undefined);

/**
 * The changes list in its URL, so a lead can send "what waits for approval on checkout":
 * `/changes?view=approval&service=checkout`. A bad value falls back to the default view.
 */
export const changeListSearchSchema = z.object({
  view: z.enum(changeListViews).default(defaultChangeListView).catch(defaultChangeListView),
  service: entityId,
});
export type ChangeListSearch = z.infer<typeof changeListSearchSchema>;

/** `/changes/new?service=checkout` opens the form with that service chosen (links from service pages). */
export const newChangeSearchSchema = z.object({ service: entityId });
export type NewChangeSearch = z.infer<typeof newChangeSearchSchema>;
