import { useSignedInUser } from "./use-session.ts";

/**
 * Reminds a user signed in with the generated first-start password to replace it. It does not
 * block anything: the console has no password-change page yet.
 */
export function PasswordChangeBanner() {
  const user = useSignedInUser();
  if (!user?.mustChangePassword) return null;
  return (
    <div className="banner banner--warn password-banner" role="status">
      <span className="banner__tag banner__tag--warn">Password</span>
      <span>You are using a generated password: change it soon.</span>
    </div>
  );
}
