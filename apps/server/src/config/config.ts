import { z } from "zod";

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * Everything the server reads at start-up. Each field names the environment variable it comes
 * from, so a validation error can say exactly which variable is wrong.
 */
export const serverConfigSchema = z.object({
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
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

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
      const shown = /URL|PASSWORD|SECRET|TOKEN/.test(variable) ? "" : `=${JSON.stringify(merged[variable] ?? null)}`;
      return `  ${variable}${shown}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
