import { test as base, expect } from "@playwright/test";

interface Fixtures {
  /** Console errors a spec expects, e.g. the browser's note on a 404 the page handles. */
  allowedConsoleErrors: RegExp[];
  pageErrors: string[];
  cleanDemoFleet: undefined;
}

/** tRPC's HTTP shape for one mutation call. */
async function mutate(request: import("@playwright/test").APIRequestContext, procedure: string, input: unknown) {
  const response = await request.post(`/trpc/${procedure}`, { data: input });
  if (!response.ok()) throw new Error(`${procedure} failed: ${response.status()} ${await response.text()}`);
  return response.json();
}

/**
 * Every spec starts from a healthy demo fleet (no outage, no active fault) and fails on a console
 * error or an uncaught page error it did not expect: a console that logs errors while looking
 * fine is broken for the next person who opens devtools during an incident.
 */
export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  cleanDemoFleet: [
    async ({ request }, use) => {
      await mutate(request, "demo.setOutage", { message: null });
      const state = await (await request.get("/trpc/demo.state")).json();
      for (const fault of state.result.data.faults as { id: string; endMs: number | null }[]) {
        if (fault.endMs === null) await mutate(request, "demo.clearFault", { faultId: fault.id });
      }
      await use(undefined);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (allowedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
        errors.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
      await use(errors);
      expect(errors, "console or page errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
