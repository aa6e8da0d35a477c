import type { ChangeState } from "@fleetdeck/core";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { changeStateLabels, changeStateTones } from "./change-state.ts";

export function ChangeStateBadge({ state }: { state: ChangeState }) {
  return <StatusBadge tone={changeStateTones[state]}>{changeStateLabels[state]}</StatusBadge>;
}
