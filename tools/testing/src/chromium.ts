// Debian's Chromium headless shell (package chromium-headless-shell: the same Blink, without the browser's UI layers;
// what Playwright itself runs for headless by default), driven by playwright-core with the network "off": every
// request that is not to this machine is refused and recorded. It costs less CPU than the full `chromium` binary in
// headless mode (the docs suite 27.8–31.6 against 35.4–37.3 CPU-s, the browser suite 11.9 against 17.6). A subpath
// of its own (@scrm-openapi/testing/chromium), so the suites that never open a browser do not load playwright-core.
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The project's one Chromium (`serveChromium` in a globalSetup), for `sharedChromium`; absent without one. */
    chromiumEndpoint?: string;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";

const OPTIONS = {
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
  // Every wait has a deadline: a Chromium that does not start within it fails the suite instead of hanging it.
  timeout: 60_000,
};

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(OPTIONS);
}

/**
 * One Chromium for a whole vitest project, started by its globalSetup, which provides the endpoint as
 * `chromiumEndpoint` and calls `close` in its teardown. Playwright kills it on SIGINT, SIGTERM and SIGHUP and when
 * the process exits, so it never outlives the run.
 */
export async function serveChromium(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = await chromium.launchServer(OPTIONS);
  return { endpoint: server.wsEndpoint(), close: () => server.close() };
}

/**
 * The project's shared Chromium when its globalSetup started one (a file then costs a connection, not a browser
 * start), else a Chromium of the caller's own. Either way `close()` ends what the caller made: its contexts and the
 * connection, or its browser.
 */
export async function sharedChromium(): Promise<Browser> {
  const endpoint = inject("chromiumEndpoint");
  return endpoint ? chromium.connect(endpoint, { timeout: 30_000 }) : launchChromium();
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
