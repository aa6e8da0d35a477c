/**
 * What to tell a person whom single sign-on sent back to the sign-in page, from its `?error=`: the
 * server's reason for opening no session (the details are in the audit log). Only these fixed
 * sentences are shown, never text from the URL, so a crafted link cannot put words on our page.
 */
const messages: Record<string, string> = {
  "no-role":
    "Your identity provider signed you in, but none of your groups is given a Fleetdeck role. Ask an administrator to map one of your groups to a role.",
  "account-disabled": "Your Fleetdeck account is disabled. Ask an administrator to enable it.",
  "username-taken":
    "Fleetdeck could not create an account for you: your name is already taken by other accounts. Ask an administrator.",
  "provider-error": "The identity provider did not sign you in (cancelled or refused there). Try again.",
  "provider-unavailable":
    "The identity provider could not be reached. Try again later, or sign in with a username and password.",
  "state-mismatch": "The answer from the identity provider did not match this sign-in, so it was refused. Try again.",
  "attempt-expired":
    "The single sign-on took too long or was started in another browser or tab. Try again from this page.",
  "token-rejected":
    "The identity provider's answer failed Fleetdeck's checks, so it was refused. Try again, or ask an administrator.",
  "sso-off": "Single sign-on is not set up for this console. Sign in with a username and password.",
};

export function ssoErrorMessage(error: string): string {
  return Object.hasOwn(messages, error) ? (messages[error] as string) : "Single sign-on failed. Try again.";
}
