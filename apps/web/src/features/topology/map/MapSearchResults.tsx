import type { PlacementSearchResult } from "@fleetdeck/core";
import { levelNames } from "./map-facts.ts";

interface MapSearchResultsProps {
  query: string;
  result: PlacementSearchResult;
  /** Whether the map shows an entity now (the filters may hide a match). */
  onMap: (selectionKey: string) => boolean;
  selectionKey: string | null;
  onPick: (selectionKey: string) => void;
}

/** What the search found: how many, and the best few to fly to. */
export function MapSearchResults({ query, result, onMap, selectionKey, onPick }: MapSearchResultsProps) {
  return (
    <div className="placement-search">
      <p role="status" className="placement-search__status">
        {result.total === 0
          ? `Nothing on the map matches "${query}".`
          : `${result.total} match${result.total === 1 ? "" : "es"} for "${query}"${result.total > result.matches.length ? `; the best ${result.matches.length}:` : ":"}`}
      </p>
      {result.matches.length > 0 ? (
        <ul className="placement-search__matches" aria-label="Search matches">
          {result.matches.map((match) => {
            const hidden = !onMap(match.selectionKey);
            return (
              <li key={match.selectionKey}>
                <button
                  type="button"
                  className="chip placement-search__match"
                  aria-pressed={selectionKey === match.selectionKey}
                  onClick={() => onPick(match.selectionKey)}
                >
                  <span className="placement-search__kind">{levelNames[match.kind]}</span> {match.name}
                  <span className="placement-search__why">
                    {" "}
                    ({match.matchedOn}
                    {hidden ? "; hidden by the filters" : ""})
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
