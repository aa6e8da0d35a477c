import { type FormEvent, useId, useState } from "react";
import { loginErrorMessage } from "./login-error.ts";
import { useSignIn } from "./use-sign-in.ts";

/**
 * The sign-in page: no navigation, since nothing else is reachable before signing in. A real form
 * with autocomplete names, so password managers fill it and Enter submits it.
 */
export function LoginPage({ afterLoginPath }: { afterLoginPath: string }) {
  const ids = { username: useId(), password: useId(), error: useId() };
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn(afterLoginPath);

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
          <button type="submit" className="button button--primary login__submit" disabled={signIn.isPending}>
            {signIn.isPending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
