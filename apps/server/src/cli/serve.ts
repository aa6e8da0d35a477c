import { existsSync } from "node:fs";
import path from "node:path";
import { loadServerConfig, type ServerConfig } from "../config/config.ts";
import { buildApp } from "../http/app.ts";
import { loggerOptions } from "../infra/logger-options.ts";
import { crashHookOf } from "../rollouts/crash-hook.ts";
import { createServices } from "../services.ts";

/** apps/server, whether this runs from src/cli (development) or from the dist bundle. */
function serverPackageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
}

/** Starts the console and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(flags: Partial<Record<keyof ServerConfig, string | undefined>>) {
  const definedFlags = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const config = loadServerConfig(process.env, definedFlags);
  const services = await createServices(config, { afterRolloutSideEffect: crashHookOf(config) });
  const app = await buildApp({
    services,
    webDir: config.FLEETDECK_WEB_DIR ?? path.join(serverPackageRoot(), "../web/dist"),
    logger: loggerOptions(config.FLEETDECK_LOG_LEVEL),
  });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await services.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const address = await app.listen({ port: config.FLEETDECK_PORT, host: config.FLEETDECK_HOST });
  services.rollouts.start();
  app.log.info(
    { address, database: services.db.engine, instances: services.demo.instanceCount() },
    `Fleetdeck is serving ${address}`,
  );
  // The lines a person starting it by hand looks for, whatever the log level. A generated admin
  // password is shown here once and never logged.
  process.stdout.write(`Fleetdeck is running at ${address}\n`);
  if (services.bootstrap.created && services.bootstrap.generatedPassword) {
    process.stdout.write(
      `First start: sign in as "${services.bootstrap.username}" with the one-time password ` +
        `${services.bootstrap.generatedPassword} (shown once; change it after signing in)\n`,
    );
  }
}
