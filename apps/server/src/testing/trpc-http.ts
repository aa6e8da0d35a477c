/** A tRPC answer over HTTP as a script sees it: the status, and the data or the error's code and message. */
export interface TrpcHttpAnswer {
  status: number;
  data: unknown;
  error: { code: string; message: string; fieldErrors: Record<string, string[] | undefined> } | null;
}

/** How a request proves who sends it: a browser's session cookie, an API token, or nothing. */
export type Credentials = { cookie: string } | { bearer: string } | null;

interface TrpcErrorBody {
  error: { message: string; data: { code: string; zodIssues: { fieldErrors: Record<string, string[]> } | null } };
}

/**
 * Calls one procedure over real HTTP, as the console (cookie, with its own origin) or a script
 * (Bearer token) would: a query is a GET with the input in the URL, a mutation a POST with it as
 * the JSON body.
 */
export async function callOverHttp(
  baseUrl: string,
  credentials: Credentials,
  call: { query: string; input?: unknown } | { mutation: string; input?: unknown },
): Promise<TrpcHttpAnswer> {
  const headers: Record<string, string> = {};
  if (credentials && "cookie" in credentials) Object.assign(headers, { cookie: credentials.cookie, origin: baseUrl });
  if (credentials && "bearer" in credentials) headers.authorization = `Bearer ${credentials.bearer}`;
  const input = call.input === undefined ? undefined : JSON.stringify(call.input);
  const response =
    "query" in call
      ? await fetch(`${baseUrl}/trpc/${call.query}${input ? `?input=${encodeURIComponent(input)}` : ""}`, { headers })
      : await fetch(`${baseUrl}/trpc/${call.mutation}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: input ?? "",
        });
  const body = (await response.json()) as { result?: { data: unknown } } & Partial<TrpcErrorBody>;
  return {
    status: response.status,
    data: body.result?.data,
    error: body.error
      ? {
          code: body.error.data.code,
          message: body.error.message,
          fieldErrors: body.error.data.zodIssues?.fieldErrors ?? {},
        }
      : null,
  };
}
