import { type EdgeColourBy, edgeColourScales, nodeHealthLabels, nodeHealthOrder } from "./graph-colours.ts";

/** What the colours, widths and dashes mean; the swatches use the same custom properties as the canvas. */
export function ServiceGraphLegend({ colourBy }: { colourBy: EdgeColourBy }) {
  return (
    <div className="service-graph__legend">
      <ul className="service-graph__legend-list" aria-label="Edge colours">
        {edgeColourScales[colourBy].labels.map((text, colourClass) => (
          <li key={text}>
            <span className={`service-graph__swatch service-graph__swatch--line service-graph__edge-${colourClass}`} />
            {text}
          </li>
        ))}
        <li>
          <span className="service-graph__swatch service-graph__swatch--dashed" />
          crosses regions
        </li>
        <li>
          <span className="service-graph__swatch service-graph__swatch--widths" />
          width: requests/s (log scale)
        </li>
      </ul>
      <ul className="service-graph__legend-list" aria-label="Service colours">
        {nodeHealthOrder.map((health) => (
          <li key={health}>
            <span className={`service-graph__swatch service-graph__swatch--node service-graph__health-${health}`} />
            {nodeHealthLabels[health]}
          </li>
        ))}
        <li>
          <span className="service-graph__swatch service-graph__swatch--node service-graph__swatch--external" />
          service in another region
        </li>
      </ul>
    </div>
  );
}
