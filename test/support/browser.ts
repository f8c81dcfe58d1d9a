import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's chromium (`apt-get install chromium`, done by .ci/run); browsers are never downloaded. */
const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const found = CHROMIUM_CANDIDATES.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
  if (!found) throw new Error('Chromium not found: install Debian chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

/**
 * Headless chromium that makes no connection of its own: background networking, component updates
 * and sync are off, so the only requests are the page's.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A browser context that may reach only `origin` (the hub under test): every other request is
 * aborted and recorded, so a test can assert the page needed nothing from the internet.
 */
export async function offlineContext(
  browser: Browser,
  origin: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 } });
  const blocked: string[] = [];
  const allowed = new URL(origin);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === allowed.host || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  return { context, blocked };
}
