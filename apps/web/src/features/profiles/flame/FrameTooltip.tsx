import type { FlameGraph } from "@fleetdeck/core";
import type { CSSProperties } from "react";
import { frameFacts } from "./frame-facts.ts";

/** The facts of the frame under the pointer, beside it. */
export function FrameTooltip({ graph, node, style }: { graph: FlameGraph; node: number; style: CSSProperties }) {
  const { name, file, facts, note } = frameFacts(graph, node);
  return (
    <div className="flame__tooltip" style={style} role="tooltip">
      <p className="flame__tooltip-name mono">{name}</p>
      {file ? <p className="flame__tooltip-file mono text-muted">{file}</p> : null}
      <dl className="flame__tooltip-facts">
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {note ? <p className="flame__tooltip-note">{note}</p> : null}
    </div>
  );
}
