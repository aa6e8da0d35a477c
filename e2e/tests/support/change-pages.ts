import { gateMetricInfo } from "@fleetdeck/core";
import type { APIRequestContext, Browser, Page, PlaywrightWorkerArgs } from "@playwright/test";
import type { Account } from "../accounts.ts";
import { expect } from "../fixtures.ts";

/** tRPC over HTTP against a console of the spec's own, signed in as one account. */
export interface ConsoleApi {
  query<T>(procedure: string, input?: unknown): Promise<T>;
  mutate<T>(procedure: string, input?: unknown): Promise<T>;
  dispose(): Promise<void>;
}

export async function consoleApiAs(
  playwright: PlaywrightWorkerArgs["playwright"],
  url: string,
  account: Account,
): Promise<ConsoleApi> {
  const request = await playwright.request.newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  await signInRequest(request, url, account);
  const answer = async <T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, procedure: string) => {
    if (!response.ok()) throw new Error(`${procedure} failed: ${response.status()} ${await response.text()}`);
    return ((await response.json()) as { result: { data: T } }).result.data;
  };
  return {
    query: async (procedure, input) =>
      answer(
        await request.get(
          `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        ),
        procedure,
      ),
    mutate: async (procedure, input) =>
      answer(
        await request.post(`/trpc/${procedure}`, {
          headers: { "content-type": "application/json" },
          data: input === undefined ? "" : JSON.stringify(input),
        }),
        procedure,
      ),
    dispose: () => request.dispose(),
  };
}

/** Signs a request context (a page's, to sign its browser in) into the console at `url`. */
export async function signInRequest(request: APIRequestContext, url: string, account: Account) {
  const login = await request.post(`${url}/trpc/auth.login`, {
    headers: { origin: url, "content-type": "application/json" },
    data: JSON.stringify(account),
  });
  expect(login.ok(), await login.text()).toBe(true);
}

/**
 * A second person at a browser of their own (their own cookies), signed in, with the console and
 * page errors it logs collected for the spec to check, as the shared fixture does for `page`.
 */
export async function openBrowserAs(browser: Browser, url: string, account: Account) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  await signInRequest(page.request, url, account);
  return { page, errors, close: () => context.close() };
}

interface Outlook {
  config: { gogc: number | "off" };
  pauseP99Seconds: number;
  gcCpuFraction: number;
}

interface Preview {
  evaluation: {
    blocked: boolean;
    risk: { risk: string };
    prediction: { instances: ({ kind: "predicted"; before: Outlook } | { kind: "no_data" })[] };
  };
  instances: { id: string; regionId: string }[];
}

/** How far apart instances may be and still make a fair canary and baseline for each other. */
const alikeRatio = 1.5;

const alike = (values: readonly number[]) => Math.max(...values) <= Math.min(...values) * alikeRatio;

/**
 * A target on the demo fleet for a GOGC change the policy calls normal risk: a service, or one
 * region of it (a label selector), of 3 to 12 instances that run one numeric GOGC and pause and
 * spend GC CPU alike, so that a canary judged against the others fails only if the change hurts.
 * Services in `taken` are passed over.
 */
export async function chooseTarget(
  api: ConsoleApi,
  { taken = [], gogcFactor = 1.5 }: { taken?: readonly string[]; gogcFactor?: number } = {},
) {
  const { catalog } = await api.query<{
    catalog: { services: { id: string; instances: number; regionIds: string[] }[] };
  }>("fleet.catalog");
  const services = catalog.services
    .filter((s) => !taken.includes(s.id))
    .sort((a, b) => a.instances - b.instances || a.id.localeCompare(b.id));
  const targets = services.flatMap((s) => [
    { serviceId: s.id, selector: "" },
    ...s.regionIds.map((regionId) => ({ serviceId: s.id, selector: `region = ${regionId}` })),
  ]);
  for (const target of targets) {
    const now = await api.query<Preview>("changes.preview", { content: probeContent(target, 100) });
    const outlooks = now.evaluation.prediction.instances.flatMap((i) => (i.kind === "predicted" ? [i.before] : []));
    const gogcs = new Set(outlooks.map((o) => o.config.gogc));
    const [gogc] = [...gogcs];
    if (outlooks.length < 3 || outlooks.length > 12 || outlooks.length !== now.instances.length) continue;
    if (gogcs.size !== 1 || typeof gogc !== "number") continue;
    if (!alike(outlooks.map((o) => o.pauseP99Seconds)) || !alike(outlooks.map((o) => o.gcCpuFraction))) continue;
    const newGogc = Math.round(gogc * gogcFactor);
    const change = await api.query<Preview>("changes.preview", { content: probeContent(target, newGogc) });
    if (change.evaluation.blocked || change.evaluation.risk.risk !== "normal") continue;
    return { ...target, gogc, newGogc, instanceIds: now.instances.map((i) => i.id).sort() };
  }
  throw new Error("no service or region of the demo fleet makes a normal-risk GOGC change over alike instances");
}

function probeContent(target: { serviceId: string; selector: string }, gogc: number) {
  return {
    title: "probe",
    description: "",
    patch: { gogc },
    target,
    plan: {
      stages: [{ name: "all", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 }],
      gates: [],
      convergenceTimeoutSeconds: 60,
    },
  };
}

/** The number a stat card shows, e.g. "0.042 cores" → 0.042. */
export async function statNumber(page: Page, label: string | RegExp): Promise<number> {
  const stat = page.locator(".stat").filter({ has: page.locator("dt", { hasText: label }) });
  const text = (await stat.locator(".stat__value").textContent()) ?? "";
  const value = Number.parseFloat(text.replaceAll(",", ""));
  if (!Number.isFinite(value)) throw new Error(`the "${label}" stat shows "${text}", not a number`);
  return value;
}

/** The change page's state, as its header shows it. */
export function changeState(page: Page) {
  return page
    .locator(".facts__item")
    .filter({ has: page.locator("dt", { hasText: /^State$/ }) })
    .locator("dd");
}

/** Takes an action through its confirmation dialog, with a reason when given. */
export async function actThroughDialog(page: Page, action: string, reason?: string) {
  await page.getByRole("button", { name: `${action}…` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason !== undefined) await dialog.getByRole("textbox").fill(reason);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The plan of a New change form: the stage bake, and the gates to keep by label, each with the rise it allows. */
export interface CanaryThenAllPlan {
  bakeSeconds: number;
  /** Gates left on, by label (e.g. "GC CPU"), with their max rise in percent when not the default; the rest are turned off. */
  gates: Readonly<Record<string, { maxRisePercent?: number }>>;
}

/** Replaces the form's plan with two stages over the whole target, a canary instance then everyone. */
export async function planCanaryThenAll(page: Page, { bakeSeconds, gates }: CanaryThenAllPlan) {
  const stagesTable = page.getByRole("table", { name: "Stages" });
  while ((await stagesTable.locator("tbody tr").count()) > 2) {
    await page.getByRole("button", { name: "Remove stage 3" }).click();
  }
  const stage = async (n: number, name: string, size: string, unit: string) => {
    await page.getByLabel(`Stage ${n} name`).fill(name);
    await page.getByLabel(`Stage ${n} scope`).selectOption({ label: "Whole target" });
    await page.getByLabel(`Stage ${n} size`, { exact: true }).fill(size);
    await page.getByLabel(`Stage ${n} size unit`).selectOption({ label: unit });
    await page.getByLabel(`Stage ${n} bake seconds`).fill(String(bakeSeconds));
  };
  await stage(1, "canary", "1", "instances");
  await stage(2, "everyone", "100", "%");
  const gatesTable = page.getByRole("table", { name: "Gates" });
  for (const { label } of Object.values(gateMetricInfo)) {
    const kept = gates[label];
    await gatesTable.getByRole("checkbox", { name: label, exact: true }).setChecked(kept !== undefined);
    if (kept?.maxRisePercent !== undefined) {
      await gatesTable.getByLabel(`${label}: max rise in percent`).fill(String(kept.maxRisePercent));
    }
  }
  await expect(gatesTable.getByRole("checkbox", { checked: true })).toHaveCount(Object.keys(gates).length);
}
