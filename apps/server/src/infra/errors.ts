/** Domain errors that map to a typed tRPC code at the transport edge (see trpc.ts). */
export class NotFoundError extends Error {}
export class InvalidRequestError extends Error {}
/** No source could answer: the data may exist, we just cannot see it now. */
export class SourceUnavailableError extends Error {}
/** The request collides with something under way (e.g. a capture another user started). */
export class ConflictError extends Error {}
/** The caller asked too often; the message says when to try again. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
/** What is asked cannot be done here at all (e.g. a source that cannot capture profiles). */
export class PreconditionFailedError extends Error {}
/** The caller may do this kind of thing, but not to this entity (e.g. cancel another user's capture). */
export class ForbiddenError extends Error {}
/** Work that ran past its time bound and was stopped. */
export class TimeLimitError extends Error {}
