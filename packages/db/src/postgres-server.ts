export interface PostgresServer {
  /** host:port as a person would look for it, e.g. "db.internal:5432". */
  readonly address: string;
  /** Removes the URL's password from text that is about to be shown or logged. */
  redact(text: string): string;
}

const defaultPort = "5432";

/**
 * Reads where a `postgres://` URL points to, so that errors can say which server failed without
 * repeating the URL (it may hold a password).
 */
export function postgresServerOf(url: string): PostgresServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("The PostgreSQL URL is not valid: write it as postgres://user:password@host:port/database");
  }
  // libpq also accepts the host and port as query parameters (e.g. ?host=/run/postgresql).
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const port = parsed.port || parsed.searchParams.get("port") || defaultPort;
  const passwords = [parsed.password, safeDecode(parsed.password)].filter((password) => password !== "");
  return {
    address: `${host}:${port}`,
    redact: (text) => passwords.reduce((redacted, password) => redacted.replaceAll(password, "***"), text),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
