import { test as base, expect } from "@playwright/test";

/**
 * Every spec fails on a console error or an uncaught page error: a console that logs errors
 * while looking fine is broken for the next person who opens devtools during an incident.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
      await use(errors);
      expect(errors, "console or page errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
