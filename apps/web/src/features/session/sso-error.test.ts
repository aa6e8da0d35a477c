import { describe, expect, it } from "vitest";
import { ssoErrorMessage } from "./sso-error.ts";

describe("why single sign-on sent the person back", () => {
  it("says plainly that their groups grant no role, and who can fix it", () => {
    expect(ssoErrorMessage("no-role")).toBe(
      "Your identity provider signed you in, but none of your groups is given a Fleetdeck role. Ask an administrator to map one of your groups to a role.",
    );
  });

  it("explains each reason the server gives", () => {
    for (const reason of [
      "attempt-expired",
      "state-mismatch",
      "provider-error",
      "provider-unavailable",
      "token-rejected",
      "username-taken",
      "account-disabled",
      "sso-off",
    ]) {
      expect(ssoErrorMessage(reason), reason).not.toBe("Single sign-on failed. Try again.");
    }
  });

  it("never repeats what the URL says", () => {
    expect(ssoErrorMessage("Your session was hijacked, call +1 555 0100")).toBe("Single sign-on failed. Try again.");
    expect(ssoErrorMessage("toString")).toBe("Single sign-on failed. Try again.");
  });
});
