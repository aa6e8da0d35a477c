import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { createQueryClient } from "./query-client.ts";

/** An error as the tRPC client builds it when the BFF refuses a call. */
function refusal(code: "UNAUTHORIZED" | "FORBIDDEN", httpStatus: number) {
  return TRPCClientError.from({ error: { code: -32001, message: code, data: { code, httpStatus, zodIssues: null } } });
}

/** A real QueryClient running one query or mutation whose call is refused. */
async function refuseQuery(error: unknown) {
  const onUnauthorized = vi.fn();
  const queryClient = createQueryClient({ onUnauthorized });
  const queryFn = vi.fn(() => Promise.reject(error));
  await expect(queryClient.query({ queryKey: ["fleet", "overview"], queryFn })).rejects.toBe(error);
  return { onUnauthorized, calls: queryFn.mock.calls.length };
}

async function refuseMutation(error: unknown) {
  const onUnauthorized = vi.fn();
  const queryClient = createQueryClient({ onUnauthorized });
  const mutation = queryClient.getMutationCache().build(queryClient, { mutationFn: () => Promise.reject(error) });
  await expect(mutation.execute(undefined)).rejects.toBe(error);
  return { onUnauthorized };
}

describe("a session that ends while the page is open", () => {
  it("is reported once when a query is answered UNAUTHORIZED, without asking again", async () => {
    const { onUnauthorized, calls } = await refuseQuery(refusal("UNAUTHORIZED", 401));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls).toBe(1);
  });

  it("is reported when a mutation is answered UNAUTHORIZED", async () => {
    const { onUnauthorized } = await refuseMutation(refusal("UNAUTHORIZED", 401));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("is not what a missing permission means: FORBIDDEN is the page's to explain, and not retried", async () => {
    const query = await refuseQuery(refusal("FORBIDDEN", 403));
    expect(query.onUnauthorized).not.toHaveBeenCalled();
    expect(query.calls).toBe(1);
    expect((await refuseMutation(refusal("FORBIDDEN", 403))).onUnauthorized).not.toHaveBeenCalled();
  });
});
