import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatLabelSelector,
  type LabelRequirement,
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
  type SelectableInstance,
  selectInstances,
  selectorLabels,
} from "./label-selector.ts";

const instance = (id: string, regionId: string, zoneId: string, serviceId = "checkout"): SelectableInstance => ({
  id,
  serviceId,
  regionId,
  zoneId,
  clusterId: `${regionId}-k8s`,
  nodeId: `${zoneId}-node-1`,
});

const fleet = [
  instance("checkout-3", "us-east", "us-east-a"),
  instance("checkout-1", "eu-west", "eu-west-a"),
  instance("checkout-2", "eu-west", "eu-west-b"),
  instance("checkout-4", "ap-south", "ap-south-a"),
  instance("search-1", "eu-west", "eu-west-a", "search"),
];

const pick = (selector: string) =>
  selectInstances(fleet, { serviceId: "checkout", selector }).map((selected) => selected.id);

/** The column and message of the error a selector raises. */
function parseError(text: string): { column: number; message: string } {
  try {
    parseLabelSelector(text);
  } catch (error) {
    if (error instanceof LabelSelectorError) return { column: error.column, message: error.message };
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe("selectInstances", () => {
  it("selects the whole service, sorted by id, when the selector is empty or blank", () => {
    expect(pick("")).toEqual(["checkout-1", "checkout-2", "checkout-3", "checkout-4"]);
    expect(pick("   ")).toEqual(["checkout-1", "checkout-2", "checkout-3", "checkout-4"]);
  });

  it("matches equality with =, == and !=", () => {
    expect(pick("region = eu-west")).toEqual(["checkout-1", "checkout-2"]);
    expect(pick("region==eu-west")).toEqual(["checkout-1", "checkout-2"]);
    expect(pick("region != eu-west")).toEqual(["checkout-3", "checkout-4"]);
  });

  it("matches set membership with in and notin", () => {
    expect(pick("region in (eu-west, ap-south)")).toEqual(["checkout-1", "checkout-2", "checkout-4"]);
    expect(pick("zone notin (eu-west-a,us-east-a)")).toEqual(["checkout-2", "checkout-4"]);
  });

  it("ANDs comma-separated requirements across labels", () => {
    expect(pick("region in (eu-west, us-east), zone != eu-west-b")).toEqual(["checkout-1", "checkout-3"]);
    expect(pick("cluster = eu-west-k8s, node = eu-west-b-node-1")).toEqual(["checkout-2"]);
    expect(pick("instance in (checkout-4, search-1)")).toEqual(["checkout-4"]);
  });

  it("treats existence as true and absence as false, since every instance has every label", () => {
    expect(pick("region")).toEqual(["checkout-1", "checkout-2", "checkout-3", "checkout-4"]);
    expect(pick("!instance")).toEqual([]);
  });

  it("never selects another service's instances", () => {
    expect(pick("instance = search-1")).toEqual([]);
  });
});

describe("parseLabelSelector errors", () => {
  it("names an unknown label and lists the allowed ones", () => {
    expect(parseError("region = eu, team = payments")).toEqual({
      column: 14,
      message: 'label selector, column 14: unknown label "team": use one of region, zone, cluster, node, instance',
    });
  });

  it("says what was expected and what was found, with its column", () => {
    expect(parseError("region in eu-west")).toEqual({
      column: 11,
      message: 'label selector, column 11: expected "(" after "in", found "eu-west"',
    });
    expect(parseError("region in (a, b")).toEqual({
      column: 16,
      message: 'label selector, column 16: expected "," or ")" to close the "in" list, found the end of the selector',
    });
    expect(parseError("region =").message).toBe(
      'label selector, column 9: expected a value after "=", found the end of the selector',
    );
    expect(parseError("region eu-west").message).toBe(
      'label selector, column 8: expected an operator after "region" (=, ==, !=, in, notin), found "eu-west"',
    );
    expect(parseError("region = a zone = b").message).toBe(
      "label selector, column 12: expected a ',' between requirements, found \"zone\"",
    );
  });

  it("rejects an empty requirement and an empty set", () => {
    expect(parseError("region = a,").column).toBe(12);
    expect(parseError(", region = a").message).toContain(
      'expected a label (one of region, zone, cluster, node, instance), found ","',
    );
    expect(parseError("zone in ()").message).toBe(
      'label selector, column 10: expected a value in the "in" list, found ")"',
    );
  });

  it("rejects characters outside label values, pointing at them", () => {
    expect(parseError("region = eu/west")).toEqual({
      column: 12,
      message: `label selector, column 12: unexpected character "/": values use letters, digits, '.', '_', ':' and '-'`,
    });
  });
});

describe("parseLabelSelector fuzzing (fixed seeds)", () => {
  const value = fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/).filter((text) => text !== "in" && text !== "notin");
  const requirement: fc.Arbitrary<LabelRequirement> = fc.oneof(
    fc.record({
      label: fc.constantFrom(...selectorLabels),
      operator: fc.constantFrom("equals" as const, "notEquals" as const),
      value,
    }),
    fc.record({
      label: fc.constantFrom(...selectorLabels),
      operator: fc.constantFrom("in" as const, "notIn" as const),
      values: fc.array(value, { minLength: 1, maxLength: 4 }),
    }),
    fc.record({
      label: fc.constantFrom(...selectorLabels),
      operator: fc.constantFrom("exists" as const, "notExists" as const),
    }),
  );

  it("parses what it formats back to the same requirements", () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 6 }), (selector) => {
        expect(parseLabelSelector(formatLabelSelector(selector))).toEqual(selector);
      }),
      { seed: 20_260_601, numRuns: 500 },
    );
  });

  it("either parses or throws a LabelSelectorError with a column inside the text, for any input", () => {
    const alphabet = fc.constantFrom(..."region zone in notin ( ) , = ! a-1 . :/".split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join("")),
        (text) => {
          try {
            const selector = parseLabelSelector(text);
            expect(matchesLabelSelector(selector, instance("x", "r", "z"))).toBeTypeOf("boolean");
          } catch (error) {
            expect(error).toBeInstanceOf(LabelSelectorError);
            const { column } = error as LabelSelectorError;
            expect(column).toBeGreaterThanOrEqual(1);
            expect(column).toBeLessThanOrEqual(text.length + 1);
          }
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });
});
