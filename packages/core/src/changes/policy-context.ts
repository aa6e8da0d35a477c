import type { ChangePrediction } from "./change-prediction.ts";
import type { ChangeContent } from "./change-request.ts";
import type { ChangeRisk } from "./change-risk.ts";
import type { ChangePolicySettings, PolicyMoment, ServiceChangeSummary } from "./policy-settings.ts";
import type { TargetInstance } from "./target-instance.ts";

/** Everything a policy rule may look at; computed once per evaluation. */
export interface PolicyContext {
  content: ChangeContent;
  /** The instances the target selects, sorted by id. */
  targets: readonly TargetInstance[];
  prediction: ChangePrediction;
  risk: ChangeRisk;
  settings: ChangePolicySettings;
  moment: PolicyMoment;
  nowMs: number;
  /** The service's other change requests, in any state. */
  otherChanges: readonly ServiceChangeSummary[];
}
