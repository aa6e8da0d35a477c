import { expect, test } from "./fixtures.ts";

test("a runtime config change shows on the service page as the config in force", async ({ page, request }) => {
  const answer = await (await request.get("/trpc/fleet.catalog")).json();
  const service = (answer.result.data.catalog.services as { id: string }[])[0];
  if (!service) throw new Error("the demo fleet has no services");
  const input = encodeURIComponent(JSON.stringify({ serviceId: service.id }));
  const detail = await (await request.get(`/trpc/fleet.service?input=${input}`)).json();
  const instanceId = detail.result.data.instances[0].instance.id as string;
  const changed = await request.post("/trpc/demo.setRuntimeConfig", {
    data: { instanceIds: [instanceId], patch: { gogc: 375 } },
  });
  expect(changed.ok()).toBe(true);

  await page.goto(`/services/${service.id}`);
  const row = page
    .getByRole("table", { name: /instances/i })
    .getByRole("row")
    .filter({ hasText: instanceId });
  await expect(row).toContainText("375");
  await row.getByRole("link", { name: instanceId }).click();
  await expect(page.getByText("Runtime config in force")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^375$/ }).first()).toBeVisible();
});
