import { replaceEqualDeep } from "@tanstack/react-query";

/** An answer of the BFF that carries one sourced datum (null when no source answered) and statuses. */
type SourcedAnswer<Field extends string> = { sources: unknown } & { [key in Field]: unknown };

/**
 * Degraded, never blank: when no source answers, the server sends `field: null`. Keep the last
 * datum we had next to the new, failing source statuses (the banner shows them; an overview's
 * `atMs` says how old it is). `share` is TanStack Query's `structuralSharing` hook doing the same
 * on every cache write.
 */
export function lastGoodKeeper<Field extends string>(field: Field) {
  const isAnswer = (value: unknown): value is SourcedAnswer<Field> =>
    typeof value === "object" && value !== null && field in value && "sources" in value;

  function keep<Answer extends SourcedAnswer<Field>>(previous: Answer | undefined, next: Answer): Answer {
    if (next[field] !== null || previous === undefined || previous[field] === null) return next;
    return { ...next, [field]: previous[field] };
  }

  function share(previous: unknown, next: unknown): unknown {
    if (!isAnswer(next)) return next;
    return replaceEqualDeep(previous, keep(isAnswer(previous) ? previous : undefined, next));
  }

  return { keep, share };
}
