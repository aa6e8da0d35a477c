import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { loginErrorMessage } from "./login-error.ts";
import { ssoStartHref } from "./redirect-path.ts";
import { ssoErrorMessage } from "./sso-error.ts";
import { useSignIn } from "./use-sign-in.ts";

/**
 * The sign-in page: no navigation, since nothing else is reachable before signing in. A real form
 * with autocomplete names, so password managers fill it and Enter submits it; above it, when the
 * server has single sign-on, a plain link that starts it (the browser goes to the provider and back).
 */
export function LoginPage({ afterLoginPath, ssoError }: { afterLoginPath: string; ssoError?: string }) {
  const ids = { username: useId(), password: useId(), error: useId() };
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn(afterLoginPath);
  const trpc = useTRPC();
  const methods = useQuery(trpc.auth.methods.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
  const sso = methods.data?.oidc ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };

  return (
    <main className="login" id="main">
      <div className="login__card">
        <p className="brand login__brand">
          <span className="brand__mark" aria-hidden="true" />
          Fleetdeck
        </p>
        <h1 className="page__title">Sign in to Fleetdeck</h1>
        {ssoError ? (
          <div className="state state--error" role="alert">
            <p>{ssoErrorMessage(ssoError)}</p>
          </div>
        ) : null}
        {sso ? (
          <>
            <a className="button button--primary login__sso" href={ssoStartHref(afterLoginPath)}>
              Sign in with {sso.label}
            </a>
            <p className="login__divider">or with a Fleetdeck password</p>
          </>
        ) : null}
        {methods.error ? (
          <p className="login__note">Could not ask whether single sign-on is set up: {errorMessage(methods.error)}</p>
        ) : null}
        <form
          className="form login__form"
          onSubmit={submit}
          aria-label="Sign in"
          aria-describedby={signIn.error ? ids.error : undefined}
        >
          <div className="field">
            <label htmlFor={ids.username}>Username</label>
            <input
              id={ids.username}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {signIn.error ? (
            <div id={ids.error} className="state state--error" role="alert">
              <p>{loginErrorMessage(signIn.error)}</p>
            </div>
          ) : null}
          <button
            type="submit"
            className={`button login__submit${sso ? "" : " button--primary"}`}
            disabled={signIn.isPending}
          >
            {signIn.isPending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
