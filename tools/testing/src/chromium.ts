// Debian's Chromium, driven by playwright-core with the network "off": every request that is not to this machine is
// refused and recorded. A subpath of its own (@scrm-openapi/testing/chromium), so the suites that never open a
// browser do not load playwright-core.
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A page whose requests may go to loopback only; `external` collects every other URL it tried. */
export async function offlinePage(browser: Browser, external: string[]): Promise<Page> {
  const context = await browser.newContext();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
    external.push(url.href);
    return route.abort();
  });
  return context.newPage();
}
