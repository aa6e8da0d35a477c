/** Domain errors that map to a typed tRPC code at the transport edge (see trpc.ts). */
export class NotFoundError extends Error {}
export class InvalidRequestError extends Error {}
