/**
 * A question the profile cannot answer as asked: an unknown function or sample type, a budget
 * out of range. The message says what was asked and what exists, so the server can return it as
 * a bad request.
 */
export class ProfileQueryError extends Error {}
