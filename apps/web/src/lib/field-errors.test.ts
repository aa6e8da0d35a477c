import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { formErrorsOf } from "./field-errors.ts";

function rejected(message: string, zodIssues: unknown = null) {
  return TRPCClientError.from({
    error: { code: -32600, message, data: { code: "BAD_REQUEST", httpStatus: 400, zodIssues } },
  });
}

const fields = ["currentPassword", "newPassword"] as const;

describe("sorting a rejected form's messages by field", () => {
  it("puts zod's field errors under their fields and keeps the others general", () => {
    const error = rejected("[...]", {
      formErrors: ["Unrecognized key: extra"],
      fieldErrors: { newPassword: ["enter a new password"], sessionId: ["Required"] },
    });
    expect(formErrorsOf(error, fields)).toEqual({
      byField: { newPassword: ["enter a new password"] },
      general: ["Unrecognized key: extra", "sessionId: Required"],
    });
  });

  it("reads a domain error that names one of the form's fields", () => {
    expect(
      formErrorsOf(rejected("newPassword: Use at least 12 characters; Do not include the username"), fields),
    ).toEqual({
      byField: { newPassword: ["Use at least 12 characters; Do not include the username"] },
      general: [],
    });
  });

  it("keeps a message that names no field of this form whole", () => {
    expect(formErrorsOf(rejected("You cannot disable your own account"), fields)).toEqual({
      byField: {},
      general: ["You cannot disable your own account"],
    });
    expect(formErrorsOf(rejected("password: too short"), fields).general).toEqual(["password: too short"]);
    expect(formErrorsOf(new TypeError("Failed to fetch"), fields).general).toEqual(["Failed to fetch"]);
  });

  it("has nothing to say without an error", () => {
    expect(formErrorsOf(null, fields)).toEqual({ byField: {}, general: [] });
  });
});
