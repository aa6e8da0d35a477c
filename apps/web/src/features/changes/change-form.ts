import {
  ChangeContent,
  defaultRolloutPlan,
  type GateMetric,
  gateDefaults,
  gateMetricInfo,
  parseByteSize,
  type RolloutPlan,
} from "@fleetdeck/core";

/** A stage as its row of inputs holds it: text as typed, checked when the change is built. */
export interface StageForm {
  name: string;
  /** "" for the whole target. */
  regionId: string;
  sizeKind: "instances" | "percent";
  size: string;
  bakeSeconds: string;
}

/** One custom key's row. */
export interface CustomKeyForm {
  key: string;
  value: string;
  remove: boolean;
}

/** A gate's row: on or off, its allowed rise in percent and its noise floor in ms or percentage points. */
export interface GateForm {
  metric: GateMetric;
  enabled: boolean;
  maxIncreasePercent: string;
  noiseFloor: string;
}

/**
 * A change as its form holds it. Patch fields left blank keep the instance's value; "off" turns
 * GOGC off, "none" removes GOMEMLIMIT or ends the gray release.
 */
export interface ChangeForm {
  title: string;
  description: string;
  serviceId: string;
  selector: string;
  gogc: string;
  memoryLimit: string;
  gomaxprocs: string;
  grayRatioPercent: string;
  /** Custom keys to set, or with `remove` to delete from the config centre. */
  custom: CustomKeyForm[];
  stages: StageForm[];
  gates: GateForm[];
  convergenceTimeoutSeconds: string;
}

/** Where a message belongs: a path into ChangeContent ("patch.gogc", "plan.stages.1.bakeSeconds"). */
export type FieldErrors = Record<string, string[]>;

export type FormResult = { ok: true; content: ChangeContent } | { ok: false; errors: FieldErrors };

/** The bake a new plan starts with: five minutes shows a GC change's steady state. */
export const defaultBakeSeconds = 300;

/** A gate's noise floor is typed in the unit people think in: ms for durations, points for shares. */
export function noiseFloorUnit(metric: GateMetric): "ms" | "%" {
  return gateMetricInfo[metric].unit === "seconds" ? "ms" : "%";
}
const noiseFloorFactor = (metric: GateMetric) => (noiseFloorUnit(metric) === "ms" ? 1e3 : 100);

/** An empty form for a service: core's default plan over the service's regions. */
export function emptyChangeForm(serviceId: string, regionIds: readonly string[]): ChangeForm {
  return {
    title: "",
    description: "",
    serviceId,
    selector: "",
    gogc: "",
    memoryLimit: "",
    gomaxprocs: "",
    grayRatioPercent: "",
    custom: [],
    ...planForm(defaultRolloutPlan(regionIds, { bakeSeconds: defaultBakeSeconds })),
  };
}

/** The plan's part of the form, from a plan (core's default, or a stored change's). */
export function planForm(plan: RolloutPlan): Pick<ChangeForm, "stages" | "gates" | "convergenceTimeoutSeconds"> {
  const chosen = new Map(plan.gates.map((gate) => [gate.metric, gate]));
  return {
    stages: plan.stages.map((stage) => ({
      name: stage.name,
      regionId: stage.regionId ?? "",
      sizeKind: stage.size.kind,
      size: String(stage.size.kind === "instances" ? stage.size.count : stage.size.percent),
      bakeSeconds: String(stage.bakeSeconds),
    })),
    // Every metric has a row, so a gate left out of the plan can be switched on again.
    gates: gateDefaults.map((fallback) => {
      const gate = chosen.get(fallback.metric) ?? fallback;
      return {
        metric: gate.metric,
        enabled: chosen.has(gate.metric),
        maxIncreasePercent: decimal(gate.maxIncrease * 100),
        noiseFloor: decimal(gate.noiseFloor * noiseFloorFactor(gate.metric)),
      };
    }),
    convergenceTimeoutSeconds: String(plan.convergenceTimeoutSeconds),
  };
}

/** A stored change back in its form, for editing. */
export function changeFormOf(content: ChangeContent): ChangeForm {
  const { patch } = content;
  return {
    title: content.title,
    description: content.description,
    serviceId: content.target.serviceId,
    selector: content.target.selector,
    gogc: patch.gogc === undefined ? "" : String(patch.gogc),
    memoryLimit:
      patch.memoryLimitBytes === undefined
        ? ""
        : patch.memoryLimitBytes === null
          ? "none"
          : exactByteSize(patch.memoryLimitBytes),
    gomaxprocs: patch.gomaxprocs === undefined ? "" : String(patch.gomaxprocs),
    grayRatioPercent:
      patch.grayRatio === undefined ? "" : patch.grayRatio === null ? "none" : decimal(patch.grayRatio * 100),
    custom: Object.entries(patch.custom ?? {}).map(([key, value]) => ({
      key,
      value: value ?? "",
      remove: value === null,
    })),
    ...planForm(content.plan),
  };
}

/**
 * Builds the change the form describes and checks it with the same schema the server uses, so
 * every mistake is named at its field before anything is sent. Text that is not a number where
 * one is needed is reported by the form itself; the rest by ChangeContent's issues, by path.
 */
export function changeContentOf(form: ChangeForm): FormResult {
  const errors: FieldErrors = {};
  const complain = (path: string, message: string) => {
    errors[path] = [...(errors[path] ?? []), message];
  };
  const number = (path: string, text: string, what: string): number | undefined => {
    const trimmed = text.trim();
    if (trimmed === "") {
      complain(path, `enter ${what}`);
      return undefined;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) complain(path, `"${trimmed}" is not a number`);
    return value;
  };

  const patch: Record<string, unknown> = {};
  const gogc = form.gogc.trim().toLowerCase();
  if (gogc !== "") patch.gogc = gogc === "off" ? "off" : number("patch.gogc", gogc, "a GOGC percentage or off");
  const memoryLimit = form.memoryLimit.trim();
  if (memoryLimit !== "") {
    if (/^(none|off)$/i.test(memoryLimit)) patch.memoryLimitBytes = null;
    else {
      try {
        patch.memoryLimitBytes = parseByteSize(memoryLimit);
      } catch (error) {
        complain("patch.memoryLimitBytes", (error as Error).message);
      }
    }
  }
  if (form.gomaxprocs.trim() !== "") patch.gomaxprocs = number("patch.gomaxprocs", form.gomaxprocs, "a CPU count");
  const grayRatio = form.grayRatioPercent.trim();
  if (/^(none|off)$/i.test(grayRatio)) patch.grayRatio = null;
  else if (grayRatio !== "") {
    const percent = number("patch.grayRatio", grayRatio, "a percentage");
    if (percent !== undefined) patch.grayRatio = percent / 100;
  }
  const custom = form.custom.filter((row) => row.key.trim() !== "" || row.value !== "" || row.remove);
  if (custom.length > 0) {
    const keys = new Set<string>();
    for (const row of custom) {
      const key = row.key.trim();
      if (key === "")
        complain("patch.custom", row.remove ? "name the key to delete" : `name the key set to "${row.value}"`);
      else if (keys.has(key)) complain("patch.custom", `the key "${key}" is set twice`);
      keys.add(key);
    }
    patch.custom = Object.fromEntries(custom.map((row) => [row.key.trim(), row.remove ? null : row.value]));
  }

  const stages = form.stages.map((stage, index) => {
    const at = `plan.stages.${index}`;
    const size = number(
      `${at}.size`,
      stage.size,
      stage.sizeKind === "instances" ? "how many instances" : "a percentage",
    );
    return {
      name: stage.name.trim(),
      regionId: stage.regionId === "" ? null : stage.regionId,
      size: stage.sizeKind === "instances" ? { kind: "instances", count: size } : { kind: "percent", percent: size },
      bakeSeconds: number(`${at}.bakeSeconds`, stage.bakeSeconds, "a bake time in seconds"),
    };
  });
  const gates = form.gates.flatMap((gate, index) => {
    if (!gate.enabled) return [];
    const at = `plan.gates.${index}`;
    const maxIncrease = number(`${at}.maxIncrease`, gate.maxIncreasePercent, "the allowed rise in percent");
    const noiseFloor = number(`${at}.noiseFloor`, gate.noiseFloor, "a noise floor");
    return [
      {
        metric: gate.metric,
        maxIncrease: maxIncrease === undefined ? undefined : maxIncrease / 100,
        noiseFloor: noiseFloor === undefined ? undefined : noiseFloor / noiseFloorFactor(gate.metric),
      },
    ];
  });
  const candidate = {
    title: form.title,
    description: form.description,
    patch,
    target: { serviceId: form.serviceId, selector: form.selector.trim() },
    plan: {
      stages,
      gates,
      convergenceTimeoutSeconds: number(
        "plan.convergenceTimeoutSeconds",
        form.convergenceTimeoutSeconds,
        "a convergence timeout in seconds",
      ),
    },
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const parsed = ChangeContent.safeParse(candidate);
  if (parsed.success) return { ok: true, content: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = fieldOfIssuePath(issue.path, form);
    complain(field, field === "title" && issue.code === "too_small" ? "write a title" : issue.message);
  }
  return { ok: false, errors };
}

/**
 * The form field an issue of ChangeContent belongs to. Gates are listed by metric in the form but
 * only enabled ones reach the content, so a gate's index is mapped back to its row; a stage's
 * size lives in one input whatever its kind.
 */
function fieldOfIssuePath(path: readonly PropertyKey[], form: ChangeForm): string {
  const parts = path.map(String);
  if (parts[0] === "plan" && parts[1] === "gates" && parts[2] !== undefined) {
    const enabled = form.gates.map((gate, index) => ({ gate, index })).filter(({ gate }) => gate.enabled);
    const row = enabled[Number(parts[2])]?.index ?? parts[2];
    const field = parts[3] === "maxIncrease" ? "maxIncrease" : parts[3] === "noiseFloor" ? "noiseFloor" : undefined;
    return field ? `plan.gates.${row}.${field}` : "plan.gates";
  }
  if (parts[0] === "plan" && parts[1] === "stages" && parts[3] === "size") return parts.slice(0, 4).join(".");
  if (parts[0] === "patch" && parts[1] === "custom") return "patch.custom";
  if (parts.length === 0) return "form";
  return parts.join(".");
}

/**
 * Where the server's message about a change belongs: its domain errors start with a content path
 * and a colon ("target.selector: label selector, column 9: …"). Null when it names no field.
 */
export function fieldOfServerMessage(message: string): { field: string; message: string } | null {
  const match = /^((?:title|description|patch|target|plan)(?:\.[A-Za-z0-9]+)*): (.+)$/s.exec(message);
  return match?.[1] && match[2] ? { field: match[1], message: match[2] } : null;
}

/** A byte count in the largest binary unit that writes it exactly: "1536 MiB", "2 GiB". */
export function exactByteSize(bytes: number): string {
  for (const [unit, size] of [
    ["TiB", 1024 ** 4],
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** A number without float noise: 0.1 * 100 → "10", not "10.000000000000002". */
function decimal(value: number): string {
  return String(Number(value.toPrecision(10)));
}
