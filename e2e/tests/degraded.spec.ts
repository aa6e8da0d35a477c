import { expect, test } from "./fixtures.ts";

test.use({ allowedConsoleErrors: [/status of 503/] });

test("when the control plane fails, every page names the failing source and recovers when it is back", async ({
  page,
}) => {
  await page.goto("/settings");
  await page.getByLabel("Outage message").fill("etcd quorum lost");
  await page.getByRole("button", { name: "Simulate control-plane outage" }).click();

  await page.getByRole("navigation").getByRole("link", { name: "Overview", exact: true }).click();
  const banner = page.getByRole("alert").filter({ hasText: "demo" });
  await expect(banner).toContainText("etcd quorum lost");
  await expect(banner).toContainText(/last good/i);

  await page.getByRole("navigation").getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("button", { name: "End outage" }).click();
  await page.getByRole("navigation").getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "demo" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Region health" })).toBeVisible();
});

test("a fault injected in the demo fleet makes its service unhealthy and can be cleared", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Inject a fault" });
  await form.getByLabel("Fault").selectOption({ label: "Memory limit too low" });
  const service = await form.getByLabel("Service").inputValue();
  await form.getByRole("button", { name: /inject/i }).click();
  const faults = page.getByRole("table", { name: "Active faults" });
  await expect(faults.getByRole("row")).toHaveCount(2);

  await page.goto(`/services/${service}`);
  await expect(page.getByText(/GC CPU|headroom/).first()).toBeVisible();
  await expect(page.getByText(/unhealthy/i).first()).toBeVisible();

  await page.goto("/settings");
  await page
    .getByRole("button", { name: /^Clear /i })
    .first()
    .click();
  await expect(page.getByText("No fault is active")).toBeVisible();
});
