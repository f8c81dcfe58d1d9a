import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { sha256 } from '../gateway/src/registry/compose';
import { startWaterSavingBases, type RunningExample } from '../examples/water-saving-bases/server';
import { launchChromium, offlineContext } from './support/browser';
import { startHub, type TestHub } from './support/hub';

/**
 * The registry page (GET /registry) in a real browser (Debian chromium through playwright-core) that
 * may reach nothing but the hub: subgraphs and their versions, a version's diff against the one
 * before it, supergraph history, clients and their documents, and who uses a field.
 * The screenshots it takes are the ones in docs/ (docs/registry*.png, copied from test-artifacts/).
 */
const root = path.resolve(__dirname, '..');
const ARTIFACTS = path.resolve(__dirname, '../test-artifacts');
const NAME = 'water-saving-bases';
let hub: TestHub;
let browser: Browser;
let example: RunningExample;
let admin: string;

async function registry(method: string, route: string, body: unknown): Promise<number> {
  const response = await fetch(`${hub.origin}/registry${route}`, {
    method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return response.status;
}

beforeAll(async () => {
  [hub, browser, example] = await Promise.all([startHub({ seed: false, gateway: { usage: { flushMs: 200 } } }), launchChromium(), startWaterSavingBases(0)]);
  admin = await hub.token({ role: 'admin', sub: 'host' });
  const sdl = await readFile(path.join(root, 'examples/water-saving-bases/schema.graphql'), 'utf8');
  expect(await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl })).toBe(201);
  const withoutRegionField = sdl.replace(/\n  """节水教育基地 — the bases in this region[^\n]*\n  waterSavingBases: \[WaterSavingBase!\]!/, '');
  expect(await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl: withoutRegionField })).toBe(201);
  const body = 'query BaseNames { waterSavingBases { name kind } }';
  const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(body), name: 'BaseNames', type: 'query', body }] };
  expect(await registry('POST', '/clients/mwr-portal/versions', { version: '1.0.0', manifest })).toBe(201);
  // A client known from its requests alone (Apollo's client headers), counted and flushed in a batch.
  const headers = { 'content-type': 'application/json', 'apollographql-client-name': 'provincial-screen', 'apollographql-client-version': '2.1.0' };
  for (let i = 0; i < 2; i += 1) {
    const response = await fetch(hub.url, { method: 'POST', headers, body: JSON.stringify({ query: 'query ScreenBases { waterSavingBases { kind openAllYear } }' }) });
    expect(response.status).toBe(200);
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const usage = await fetch(`${hub.origin}/registry/usage?coordinate=WaterSavingBase.kind`, { headers: { authorization: `Bearer ${admin}` } });
    if (JSON.stringify(await usage.json()).includes('provincial-screen')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await example?.close();
});

it('shows subgraphs, a version\'s diff, supergraph history, clients and their documents, and who uses a field, offline', async () => {
  const { context, blocked } = await offlineContext(browser, hub.origin, { viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  try {
    await page.goto(`${hub.origin}/registry`);
    // Without a token the page shows only the form; a wrong one is refused with the registry's message.
    await page.fill('#token', 'not-a-token');
    await page.click('#token-form button');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#status')?.textContent !== '');
    expect(await page.textContent('#status')).toMatch(/invalid or expired/);
    expect(await page.isHidden('#tabs')).toBe(true);

    await page.fill('#token', admin);
    await page.click('#token-form button');
    await page.click(`#subgraph-list >> text=${NAME}`);
    await page.click('#version-list >> text=v2');
    await page.waitForSelector('#diff .change.BREAKING');
    expect(await page.textContent('#diff-title')).toBe(`${NAME} v2 against v1`);
    expect(await page.textContent('#diff')).toContain('Region.waterSavingBases');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'registry-subgraphs.png') });

    await page.click('nav >> text=Supergraph history');
    await page.waitForSelector('#supergraph-list td');
    expect(await page.textContent('#supergraph-list')).toContain(`publish ${NAME}`);
    expect(await page.textContent('#supergraph-list')).toContain('system:core');

    await page.click('nav >> text=Clients');
    await page.waitForSelector('#client-list h3');
    const clients = await page.textContent('#client-list');
    for (const client of ['kepuri-dashboard', 'kepuri-playground', 'mwr-portal']) expect(clients).toContain(client);
    await page.click('#client-list >> text=1.0.0');
    await page.waitForSelector('#operation-list details');
    expect(await page.textContent('#operations-title')).toBe('mwr-portal 1.0.0: 1 operation(s)');
    expect(await page.textContent('#operation-list')).toContain('WaterSavingBase.kind');

    await page.click('nav >> text=Field usage');
    await page.fill('#field-filter', 'WaterSavingBase.kind');
    await page.click('#field-list >> text=WaterSavingBase.kind');
    await page.waitForSelector('#usage td');
    expect(await page.textContent('#usage')).toContain('mwr-portal');
    expect(await page.textContent('#usage')).toContain('BaseNames');
    expect(await page.textContent('#usage')).toContain('ScreenBases');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registry.png') });

    await page.fill('#field-filter', 'WaterSavingBase.region');
    await page.click('#field-list >> text=WaterSavingBase.region');
    await page.waitForSelector('#usage p');
    expect(await page.textContent('#usage')).toBe('Nothing: unused for 30 days');
    expect(failures).toEqual([]);
    expect(blocked).toEqual([]);
  } finally {
    await context.close();
  }
});
