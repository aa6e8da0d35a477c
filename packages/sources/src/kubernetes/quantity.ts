const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
/** Powers of ten; negative ones divide, so that "3800m" is exactly 3.8. */
const decimalExponents: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// The grammar of resource.Quantity (k8s.io/apimachinery): a signed decimal number, then a binary
// suffix (Ki…Ei), a decimal suffix (n, u, m, k, M…E) or a decimal exponent (e3, E-2).
const quantityPattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * A Kubernetes quantity as a plain number: "4" → 4, "3800m" → 3.8 (cores), "16Gi" → 17179869184,
 * "16318384Ki" → 16710025216 (bytes), "1e3" → 1000. Null when the text is not a quantity.
 */
export function parseQuantity(text: string): number | null {
  const match = quantityPattern.exec(text.trim());
  if (!match) return null;
  const [, mantissa = "", exponent, suffix = ""] = match;
  const value = Number(mantissa);
  const binary = binarySuffixes[suffix];
  if (binary !== undefined) return value * binary;
  const power = exponent !== undefined ? Number(exponent.slice(1)) : decimalExponents[suffix];
  if (power === undefined) return null;
  return power < 0 ? value / 10 ** -power : value * 10 ** power;
}
