import { Link } from "@tanstack/react-router";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { useSignedInUser } from "./use-session.ts";
import { useSignOut } from "./use-sign-out.ts";

/** The header's account corner: who is signed in, with which roles, their password, and the way out. */
export function SignedInUser() {
  const user = useSignedInUser();
  const signOut = useSignOut();
  if (!user) return null;
  return (
    <div className="account">
      <p className="account__who">
        Signed in as <strong className="account__name">{user.username}</strong>
      </p>
      <ul className="account__roles" aria-label="Your roles">
        {user.roles.map((role) => (
          <li key={role} className="account__role">
            {role}
          </li>
        ))}
      </ul>
      {user.hasPassword ? (
        <Link to="/account/password" className="button button--small account__link">
          Change password
        </Link>
      ) : null}
      <button
        type="button"
        className="button button--small"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {signOut.isPending ? "Signing out…" : "Sign out"}
      </button>
      {signOut.error ? (
        <p className="account__error" role="alert">
          Signing out failed: {errorMessage(signOut.error)}
        </p>
      ) : null}
    </div>
  );
}
