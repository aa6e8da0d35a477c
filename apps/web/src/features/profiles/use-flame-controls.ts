import type { SampleType } from "@fleetdeck/core";
import { useRef } from "react";
import { parsePattern } from "./flame/flame-search.ts";
import { type ProfileViewSearch, viewChange } from "./profile-search.ts";
import { sampleTypeOptions, sampleTypeParam } from "./sample-type-options.ts";

/** The view settings the viewer and the diff page share, as both keep them in their URL. */
type SharedViewSearch = Pick<ProfileViewSearch, "sampleType" | "search" | "focus" | "hide" | "path">;

/**
 * The flame controls' props (sample type, search, focus and hide) wired to a page's URL search,
 * and the compiled search for the graph and the table: one wiring for the viewer and the diff.
 */
export function useFlameControls(
  search: SharedViewSearch,
  onSearchChange: (change: Partial<SharedViewSearch>) => void,
  sampleTypes: readonly SampleType[],
  defaultSampleType: string,
) {
  const searchInputRef = useRef<HTMLInputElement>(null);
  const sampleType = search.sampleType ?? defaultSampleType;
  const parsedSearch = search.search ? parsePattern(search.search, "search") : null;
  const controls = {
    sampleTypes: sampleTypeOptions(sampleTypes, defaultSampleType),
    sampleType,
    onSampleTypeChange: (type: string) => onSearchChange({ sampleType: sampleTypeParam(type, defaultSampleType) }),
    search: search.search ?? "",
    onSearchChange: (text: string) => onSearchChange({ search: text === "" ? undefined : text }),
    searchInputRef,
    focus: search.focus ?? "",
    hide: search.hide ?? "",
    onFiltersChange: (filters: { focus: string; hide: string }) =>
      onSearchChange(viewChange({ focus: filters.focus || undefined, hide: filters.hide || undefined })),
  };
  return {
    controls,
    sampleType,
    searchRegex: parsedSearch?.ok ? parsedSearch.regex : null,
    focusSearch: () => searchInputRef.current?.focus(),
  };
}
