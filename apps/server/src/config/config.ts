import { z } from "zod";
import { parseOidcRoleMap } from "../auth/oidc-role-map.ts";

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** An http(s) address of the console as browsers reach it. */
const webAddress = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

/**
 * Plain HTTP would let anyone on the path forge the provider's answers; it is accepted only on the
 * loopback interface, where a provider runs for local trials and tests.
 */
const issuerUrl = z
  .url({ protocol: /^https?$/, error: "must be an https:// URL" })
  .refine((url) => isHttpsOrLoopback(url), {
    error: "must be an https:// URL (plain http is accepted only for localhost and 127.0.0.1)",
  });

function isHttpsOrLoopback(url: string): boolean {
  // A value that is no URL at all has failed the check before; one message is enough.
  if (!URL.canParse(url)) return true;
  const { protocol, hostname } = new URL(url);
  return (
    protocol === "https:" || hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Everything the server reads at start-up. Each field names the environment variable it comes
 * from, so a validation error can say exactly which variable is wrong.
 */
const serverConfigFields = z.object({
  FLEETDECK_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  FLEETDECK_HOST: z.string().min(1).default("127.0.0.1"),
  FLEETDECK_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  FLEETDECK_LOG_LEVEL: LogLevel.default("info"),
  FLEETDECK_WEB_DIR: z.string().min(1).optional(),
  FLEETDECK_DEMO_SEED: z.coerce.number().int().min(0).default(42),
  FLEETDECK_DEMO_INSTANCES: z.coerce.number().int().min(1).max(10_000).optional(),
  /** How much faster than the wall clock the demo fleet's time runs. */
  FLEETDECK_DEMO_SPEED: z.coerce.number().positive().max(100_000).default(1),
  /** Interval between live overview updates, in wall-clock milliseconds. */
  FLEETDECK_LIVE_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  FLEETDECK_SOURCE_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(3_000),
  /**
   * A YAML file listing the fleet's sources (the demo fleet, Prometheus servers); without it the
   * console shows the demo fleet alone. A file that does not validate stops start-up.
   */
  FLEETDECK_SOURCES_FILE: z.string().min(1).optional(),
  /** The first start's admin password; without it one is generated and printed once. */
  FLEETDECK_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** A session unused this long ends (12 h by default). */
  FLEETDECK_SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(12 * 3_600),
  /** A session ends this long after sign-in whatever its use (7 days by default). */
  FLEETDECK_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 86_400)
    .default(7 * 86_400),
  /**
   * The address browsers use for the console (scheme, host, port), e.g. https://fleetdeck.example.com.
   * Single sign-on sends people back to it: <it>/auth/oidc/callback, and /login after signing out.
   */
  FLEETDECK_PUBLIC_URL: webAddress.optional(),
  /** Single sign-on is on when the issuer and the client id are set: the provider's issuer URL. */
  FLEETDECK_OIDC_ISSUER: issuerUrl.optional(),
  /** The console's client id at the provider. */
  FLEETDECK_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** The client's secret; without it the console is a public client that proves itself with PKCE alone. */
  FLEETDECK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback URL registered at the provider, when it is not FLEETDECK_PUBLIC_URL/auth/oidc/callback. */
  FLEETDECK_OIDC_REDIRECT_URL: webAddress.optional(),
  /** The claim (of the ID token or userinfo) that lists the person's groups; a dotted name reaches into nested claims. */
  FLEETDECK_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  /**
   * Which roles each group grants, as group=role[+role…] entries separated by commas, e.g.
   * sre-oncall=operator,sre-leads=approver+operator,platform-admins=admin. A person whose groups
   * are not listed cannot sign in with single sign-on.
   */
  FLEETDECK_OIDC_ROLE_MAP: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseOidcRoleMap(text);
      if (parsed.ok) return parsed.roleMap;
      for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    })
    .optional(),
  /** The sign-in page's button reads "Sign in with <label>". */
  FLEETDECK_OIDC_LABEL: z.string().min(1).max(60).default("Single sign-on"),
  /** The largest profile captured or uploaded, in bytes as received (64 MiB by default). */
  FLEETDECK_PROFILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  /** Profile captures one user may start per minute: each one costs the target CPU. */
  FLEETDECK_PROFILE_CAPTURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Decoding or drawing one profile taking longer than this is stopped, with an error saying so. */
  FLEETDECK_PROFILE_TASK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Threads that decode profiles; by default one core is left to the server, within 1 to 2. */
  FLEETDECK_PROFILE_WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** How long an approval counts: a change approved last week was approved for last week's fleet. */
  FLEETDECK_APPROVAL_TTL_HOURS: z.coerce.number().positive().max(720).default(24),
  /** How long a submitted change may wait for its approvals and its start before it expires. */
  FLEETDECK_CHANGE_REQUEST_TTL_HOURS: z.coerce.number().positive().max(2160).default(72),
  /** How often the rollout controller looks at rolling changes (fleet time, milliseconds). */
  FLEETDECK_ROLLOUT_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /**
   * Test only, never set in production: the server kills itself (SIGKILL) right after the rollout
   * controller's N-th side effect, before the step is recorded, so a test can show that a restart
   * neither repeats nor skips a step.
   */
  FLEETDECK_TEST_KILL_AFTER_SIDE_EFFECTS: z.coerce.number().int().min(1).optional(),
});

export const serverConfigSchema = serverConfigFields.superRefine(requireCompleteOidcSettings);

export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** Variables that only matter for single sign-on: setting one without the issuer and client id is a mistake. */
const oidcOnlyVariables = [
  "FLEETDECK_OIDC_ISSUER",
  "FLEETDECK_OIDC_CLIENT_ID",
  "FLEETDECK_OIDC_CLIENT_SECRET",
  "FLEETDECK_OIDC_REDIRECT_URL",
  "FLEETDECK_OIDC_ROLE_MAP",
] as const;

/** Single sign-on half configured is refused at start-up, naming what is missing, rather than failing at sign-in. */
function requireCompleteOidcSettings(config: z.output<typeof serverConfigFields>, ctx: z.RefinementCtx) {
  const set = oidcOnlyVariables.filter((variable) => config[variable] !== undefined);
  if (set.length === 0) return;
  const missing = (variable: string, message: string) => ctx.addIssue({ code: "custom", path: [variable], message });
  const because = `required for single sign-on, since ${set.join(", ")} ${set.length === 1 ? "is" : "are"} set`;
  if (config.FLEETDECK_OIDC_ISSUER === undefined) missing("FLEETDECK_OIDC_ISSUER", because);
  if (config.FLEETDECK_OIDC_CLIENT_ID === undefined) missing("FLEETDECK_OIDC_CLIENT_ID", because);
  if (config.FLEETDECK_PUBLIC_URL === undefined && config.FLEETDECK_OIDC_REDIRECT_URL === undefined) {
    missing(
      "FLEETDECK_PUBLIC_URL",
      `${because}: the address browsers use for the console, where the provider sends them back (or set FLEETDECK_OIDC_REDIRECT_URL)`,
    );
  }
  const mapGroups = "map at least one group to a role (e.g. sre-oncall=operator), or nobody can sign in with it";
  if (config.FLEETDECK_OIDC_ROLE_MAP === undefined) missing("FLEETDECK_OIDC_ROLE_MAP", `${because}: ${mapGroups}`);
  else if (config.FLEETDECK_OIDC_ROLE_MAP.size === 0)
    missing("FLEETDECK_OIDC_ROLE_MAP", `lists no group: ${mapGroups}`);
}

export class ConfigError extends Error {}

/** Flags win over the environment; the error lists every bad variable with its reason. */
export function loadServerConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<keyof ServerConfig, string | number>> = {},
): ServerConfig {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(serverConfigSchema.shape)) {
    const value = flags[key as keyof ServerConfig] ?? env[key];
    if (value !== undefined && value !== "") merged[key] = value;
  }
  const parsed = serverConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "config");
      // URLs may carry credentials: name the variable, never echo its value.
      const hidden = /URL|PASSWORD|SECRET|TOKEN/.test(variable) || merged[variable] === undefined;
      const shown = hidden ? "" : `=${JSON.stringify(merged[variable])}`;
      return `  ${variable}${shown}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
