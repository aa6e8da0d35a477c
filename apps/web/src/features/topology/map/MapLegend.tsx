import { defaultHealthPolicy, type HealthLens } from "@fleetdeck/core";
import { useTheme } from "../../../lib/theme-store.ts";
import { legendFor, lensLabels, mapPalette } from "./map-colours.ts";

/** What each colour means under the lens in force, with the health policy's thresholds. */
export function MapLegend({ lens }: { lens: HealthLens }) {
  const { theme } = useTheme();
  const palette = mapPalette(theme);
  return (
    <figure className="placement-map__legend">
      <figcaption className="placement-map__legend-title">{lensLabels[lens]}</figcaption>
      <ul aria-label="Legend" className="placement-map__legend-list">
        {legendFor(lens, defaultHealthPolicy).map((entry) => (
          <li key={entry.band}>
            <span
              className={`placement-map__swatch placement-map__swatch--${entry.band}`}
              style={{ background: palette.band[entry.band] }}
              aria-hidden="true"
            />
            {entry.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
