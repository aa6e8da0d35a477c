import type { Instance } from "../model/inventory.ts";
import type { ChangeTarget } from "./change-request.ts";

/** The labels a change target can be narrowed by, and the instance field each one reads. */
const labelFields = {
  region: "regionId",
  zone: "zoneId",
  cluster: "clusterId",
  node: "nodeId",
  instance: "id",
} as const;

export type SelectorLabel = keyof typeof labelFields;
export const selectorLabels = Object.keys(labelFields) as SelectorLabel[];

/** What a selector needs to know about an instance. */
export type SelectableInstance = Pick<Instance, "id" | "serviceId" | "regionId" | "zoneId" | "clusterId" | "nodeId">;

/** One comma-separated part of a selector; all of them must hold. Plain data, safe to store. */
export type LabelRequirement =
  | { label: SelectorLabel; operator: "equals" | "notEquals"; value: string }
  | { label: SelectorLabel; operator: "in" | "notIn"; values: string[] }
  | { label: SelectorLabel; operator: "exists" | "notExists" };

export type LabelSelector = LabelRequirement[];

/** A selector that does not parse: says what was expected and at which column (1-based). */
export class LabelSelectorError extends Error {
  constructor(
    readonly column: number,
    detail: string,
  ) {
    super(`label selector, column ${column}: ${detail}`);
    this.name = "LabelSelectorError";
  }
}

interface Token {
  kind: "word" | "=" | "==" | "!=" | "!" | "(" | ")" | ",";
  text: string;
  column: number;
}

/** Ids and label values: the characters EntityId allows. */
const wordCharacter = /[A-Za-z0-9._:-]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    const column = index + 1;
    if (/\s/.test(char)) {
      index++;
    } else if (wordCharacter.test(char)) {
      let end = index;
      while (end < text.length && wordCharacter.test(text[end] as string)) end++;
      tokens.push({ kind: "word", text: text.slice(index, end), column });
      index = end;
    } else if (text.startsWith("==", index) || text.startsWith("!=", index)) {
      const operator = text.slice(index, index + 2) as "==" | "!=";
      tokens.push({ kind: operator, text: operator, column });
      index += 2;
    } else if (char === "=" || char === "!" || char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: char, text: char, column });
      index++;
    } else {
      throw new LabelSelectorError(
        column,
        `unexpected character "${char}": values use letters, digits, '.', '_', ':' and '-'`,
      );
    }
  }
  return tokens;
}

/** A recursive-descent parser over the token list; `end` is the column just past the text. */
class SelectorParser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  parse(): LabelSelector {
    const requirements: LabelSelector = [];
    if (this.tokens.length === 0) return requirements;
    requirements.push(this.requirement());
    while (this.peek()) {
      this.expect(",", "a ',' between requirements");
      requirements.push(this.requirement());
    }
    return requirements;
  }

  private requirement(): LabelRequirement {
    if (this.peek()?.kind === "!") {
      this.position++;
      return { label: this.label(), operator: "notExists" };
    }
    const label = this.label();
    const operator = this.peek();
    if (!operator || operator.kind === ",") return { label, operator: "exists" };
    if (operator.kind === "=" || operator.kind === "==" || operator.kind === "!=") {
      this.position++;
      const value = this.word(`a value after "${operator.text}"`);
      return { label, operator: operator.kind === "!=" ? "notEquals" : "equals", value };
    }
    if (operator.kind === "word" && (operator.text === "in" || operator.text === "notin")) {
      this.position++;
      return { label, operator: operator.text === "in" ? "in" : "notIn", values: this.valueList(operator.text) };
    }
    throw this.error(operator, `an operator after "${label}" (=, ==, !=, in, notin)`);
  }

  private valueList(keyword: string): string[] {
    this.expect("(", `"(" after "${keyword}"`);
    const values = [this.word(`a value in the "${keyword}" list`)];
    while (this.peek()?.kind === ",") {
      this.position++;
      values.push(this.word(`a value after ","`));
    }
    this.expect(")", `"," or ")" to close the "${keyword}" list`);
    return values;
  }

  private label(): SelectorLabel {
    const token = this.peek();
    const text = this.word("a label (one of region, zone, cluster, node, instance)");
    if (!Object.hasOwn(labelFields, text)) {
      throw new LabelSelectorError(
        token?.column ?? this.end,
        `unknown label "${text}": use one of ${selectorLabels.join(", ")}`,
      );
    }
    return text as SelectorLabel;
  }

  private word(expected: string): string {
    const token = this.peek();
    if (token?.kind !== "word") throw this.error(token, expected);
    this.position++;
    return token.text;
  }

  private expect(kind: Token["kind"], expected: string): void {
    const token = this.peek();
    if (token?.kind !== kind) throw this.error(token, expected);
    this.position++;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private error(found: Token | undefined, expected: string): LabelSelectorError {
    return found
      ? new LabelSelectorError(found.column, `expected ${expected}, found "${found.text}"`)
      : new LabelSelectorError(this.end, `expected ${expected}, found the end of the selector`);
  }
}

/**
 * Parses a Kubernetes-style selector: `region = eu-west`, `zone != a`, `cluster in (x, y)`,
 * `node notin (n1)`, `instance` (exists), `!instance`, joined by commas (all must hold). An empty
 * or blank selector selects everything. Throws LabelSelectorError naming the column.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return new SelectorParser(tokenize(text), text.length + 1).parse();
}

/** Writes a parsed selector back in its canonical form, e.g. for display: `region in (a, b), !node`. */
export function formatLabelSelector(selector: LabelSelector): string {
  return selector.map(formatRequirement).join(", ");
}

function formatRequirement(requirement: LabelRequirement): string {
  switch (requirement.operator) {
    case "equals":
      return `${requirement.label} = ${requirement.value}`;
    case "notEquals":
      return `${requirement.label} != ${requirement.value}`;
    case "in":
      return `${requirement.label} in (${requirement.values.join(", ")})`;
    case "notIn":
      return `${requirement.label} notin (${requirement.values.join(", ")})`;
    case "exists":
      return requirement.label;
    case "notExists":
      return `!${requirement.label}`;
  }
}

/** Whether an instance satisfies every requirement of a parsed selector. */
export function matchesLabelSelector(selector: LabelSelector, instance: SelectableInstance): boolean {
  return selector.every((requirement) => requirementHolds(requirement, instance[labelFields[requirement.label]]));
}

function requirementHolds(requirement: LabelRequirement, value: string): boolean {
  switch (requirement.operator) {
    case "equals":
      return value === requirement.value;
    case "notEquals":
      return value !== requirement.value;
    case "in":
      return requirement.values.includes(value);
    case "notIn":
      return !requirement.values.includes(value);
    // Every instance carries every label, so existence holds for all and absence for none.
    case "exists":
      return true;
    case "notExists":
      return false;
  }
}

/** The target service's instances the selector picks, sorted by id. Throws LabelSelectorError. */
export function selectInstances<T extends SelectableInstance>(instances: readonly T[], target: ChangeTarget): T[] {
  const selector = parseLabelSelector(target.selector);
  return instances
    .filter((instance) => instance.serviceId === target.serviceId && matchesLabelSelector(selector, instance))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
