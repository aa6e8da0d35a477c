import { type Column, DataTable } from "../../components/DataTable.tsx";
import { formatClockTime } from "../../lib/format.ts";
import type { ChangeView } from "./use-changes.ts";

type Step = ChangeView["steps"][number];

/** What a step came to, in a word or two: its outcome's kind and, for gates, the verdict. */
function outcomeText(step: Step): string {
  const outcome = step.outcome as { kind?: string; evaluation?: { verdict?: string }; message?: string } | null;
  if (outcome === null) return step.finishedAtMs === null ? "in progress" : "—";
  if (outcome.kind === "gates") return `gates: ${outcome.evaluation?.verdict ?? "?"}`;
  if (outcome.kind === "conflict") return `refused: ${outcome.message ?? "config changed underneath"}`;
  return outcome.kind ?? "—";
}

const columns: readonly Column<Step>[] = [
  { header: "Seq", numeric: true, rowHeader: true, cell: (step) => step.seq },
  { header: "Step", cell: (step) => step.kind },
  { header: "Stage", numeric: true, cell: (step) => (step.stageIndex === null ? "—" : step.stageIndex + 1) },
  { header: "Started", cell: (step) => formatClockTime(step.startedAtMs) },
  {
    header: "Finished",
    cell: (step) =>
      step.finishedAtMs === null ? <span className="text-muted">not yet</span> : formatClockTime(step.finishedAtMs),
  },
  { header: "Outcome", cell: outcomeText },
];

/**
 * Every step the controller recorded, oldest first: each is written before its side effect and
 * finished after it, so an unfinished one is a side effect in flight (or cut short by a crash).
 */
export function StepsLog({ steps }: { steps: readonly Step[] }) {
  return (
    <details className="steps-log">
      <summary>Controller steps ({steps.length})</summary>
      <DataTable
        label="Rollout steps"
        columns={columns}
        rows={steps}
        rowKey={(step) => String(step.seq)}
        emptyText="No step recorded yet."
      />
    </details>
  );
}
