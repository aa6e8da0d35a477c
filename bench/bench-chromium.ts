import { execFileSync } from "node:child_process";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: the benches never download a browser. */
function chromiumPath(): string {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not installed: scripts/test.sh installs Debian's chromium package");
  }
}

/** Headless Chromium with the flags every bench uses: no GPU, nothing in the background. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
