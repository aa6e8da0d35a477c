import { errorMessage, zodIssuesOf } from "./trpc-errors.ts";

/** A rejected form's messages: those that belong to one of its fields, and the rest. */
export interface FormErrors<Field extends string> {
  byField: Partial<Record<Field, string[]>>;
  /** Messages that name no field of this form, to show above or below it. */
  general: string[];
}

/** "newPassword: Use at least 12 characters": the server's way to name a field in a domain error. */
const fieldPrefix = /^([A-Za-z][A-Za-z0-9]*): (.+)$/s;

/**
 * Sorts what the server said about a rejected form into per-field messages: zod's flattened field
 * errors, and domain errors (BAD_REQUEST) whose message starts with a field name and a colon.
 * Anything else is general. No error, no messages.
 */
export function formErrorsOf<Field extends string>(error: unknown, fields: readonly Field[]): FormErrors<Field> {
  const result: FormErrors<Field> = { byField: {}, general: [] };
  if (!error) return result;
  const isField = (name: string): name is Field => (fields as readonly string[]).includes(name);
  const add = (field: Field, message: string) => {
    result.byField[field] = [...(result.byField[field] ?? []), message];
  };

  const issues = zodIssuesOf(error);
  if (issues) {
    result.general.push(...issues.formErrors);
    for (const [name, messages] of Object.entries(issues.fieldErrors)) {
      for (const message of messages ?? []) {
        if (isField(name)) add(name, message);
        else result.general.push(`${name}: ${message}`);
      }
    }
    return result;
  }

  const message = errorMessage(error);
  const named = fieldPrefix.exec(message);
  if (named?.[1] && named[2] && isField(named[1])) add(named[1], named[2]);
  else result.general.push(message);
  return result;
}
