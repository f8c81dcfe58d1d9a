import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { freePort } from './lib/postgres';
import { startHubProcess, type RunningHub } from './bench/hub-process';
import { ms, percentiles } from './bench/measure';
import { launchChromium, offlineContext } from '../test/support/browser';
import { integerOption, parseCli, runCli } from './lib/cli';

/**
 * `npm run bench:dashboard-page`: the reference dashboard page (/dashboard) in headless chromium against a
 * hub started as `npm start` does on the databases `npm run seed` filled (or `--url` of a running one):
 * navigation start → every figure in place and the charts drawn (the page's `dashboard-rendered` mark),
 * with an empty browser cache (a new context per load) and with a warm one (reloads). `--screenshots`
 * saves the page at 1366×768 and 390×844 into docs/.
 */
const USAGE = `Usage: npm run bench:dashboard-page -- [--campaign 2020] [--runs 20] [--url <gateway /graphql of a running hub>] [--screenshots]
  Loads /dashboard in headless chromium: empty cache and warm, p50/p95 to the dashboard-rendered mark.`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    campaign: { type: 'string', default: '2020' },
    runs: { type: 'string', default: '20' },
    url: { type: 'string' },
    screenshots: { type: 'boolean', default: false },
  },
});
const root = path.resolve(__dirname, '..');
const runs = integerOption('runs', values.runs, 0, 1);

interface Timing {
  rendered: number;
  data: number;
  queryStart: number;
  query: number;
  domContentLoaded: number;
}

async function loadOnce(page: import('playwright-core').Page, url: string, reload: boolean): Promise<Timing> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  await page.waitForFunction(() => performance.getEntriesByName('dashboard-rendered').length > 0);
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const query = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/graphql')) as PerformanceResourceTiming;
    return {
      rendered: performance.getEntriesByName('dashboard-rendered')[0].startTime,
      data: performance.getEntriesByName('dashboard-data')[0].startTime,
      query: query.responseEnd - query.startTime,
      queryStart: query.startTime,
      domContentLoaded: navigation.domContentLoadedEventEnd,
    };
  });
}

async function main(): Promise<void> {
  let hub: RunningHub | undefined;
  let browser: Browser | undefined;
  try {
    if (!values.url) {
      console.log('starting the hub (no seeding) …');
      hub = await startHubProcess({
        GATEWAY_PORT: String(await freePort()),
        ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
      });
    }
    const origin = new URL(values.url ?? hub!.url).origin;
    const loadBefore = os.loadavg()[0];
    const url = `${origin}/dashboard?campaign=${values.campaign}`;
    browser = await launchChromium();

    // Warm-up: the gateway reads and compresses the page's files once; PostgreSQL's caches fill.
    {
      const { context } = await offlineContext(browser, origin);
      await loadOnce(await context.newPage(), url, false);
      await context.close();
    }
    const cold: Timing[] = [];
    let blockedAny: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { context, blocked } = await offlineContext(browser, origin);
      cold.push(await loadOnce(await context.newPage(), url, false));
      blockedAny = blockedAny.concat(blocked);
      await context.close();
    }
    const warm: Timing[] = [];
    {
      const { context } = await offlineContext(browser, origin);
      const page = await context.newPage();
      await loadOnce(page, url, false);
      for (let run = 0; run < runs; run += 1) warm.push(await loadOnce(page, url, true));
      await context.close();
    }
    if (blockedAny.length) throw new Error(`the page asked for something outside the hub: ${blockedAny.join(', ')}`);

    const row = (label: string, samples: Timing[], pick: (timing: Timing) => number) => {
      const p = percentiles(samples.map(pick));
      return `| ${label} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(Math.max(...samples.map(pick)))} |`;
    };
    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; campaign ${values.campaign}, ${runs} loads each;`
      + ` load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`);
    console.log('\n| measure | p50 | p95 | max |');
    console.log('|---|---:|---:|---:|');
    console.log(row('empty cache: navigation start → figures and charts drawn', cold, (timing) => timing.rendered));
    console.log(row('empty cache: navigation start → the page query sent', cold, (timing) => timing.queryStart));
    console.log(row('empty cache: the page query (POST /graphql)', cold, (timing) => timing.query));
    console.log(row('empty cache: DOMContentLoaded (the page and dashboard.js; the libraries run after)', cold, (timing) => timing.domContentLoaded));
    console.log(row('empty cache: navigation start → the answer in hand, libraries loaded', cold, (timing) => timing.data));
    console.log(row('warm cache (reload): navigation start → figures and charts drawn', warm, (timing) => timing.rendered));

    if (values.screenshots) {
      for (const [viewport, file] of [
        [{ width: 1366, height: 768 }, 'docs/dashboard-large-seed.png'],
        [{ width: 390, height: 844 }, 'docs/dashboard-large-seed-phone.png'],
      ] as const) {
        const { context } = await offlineContext(browser, origin, { viewport });
        const page = await context.newPage();
        await loadOnce(page, url, false);
        await page.waitForSelector('#live[data-live="live"]');
        await page.waitForTimeout(800); // the charts' entry animation (300 ms) has finished
        await page.screenshot({ path: path.join(root, file), fullPage: true });
        await context.close();
        console.log(`screenshot: ${file}`);
      }
    }
  } finally {
    await browser?.close();
    await hub?.stop();
  }
}

runCli(USAGE, main);
