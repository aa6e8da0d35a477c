/** Domain errors that map to a typed tRPC code at the transport edge (see trpc.ts). */
export class NotFoundError extends Error {}
export class InvalidRequestError extends Error {}
/** No source could answer: the data may exist, we just cannot see it now. */
export class SourceUnavailableError extends Error {}
