/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_CACHE_MAX_AGES } from '@kepuri/platform';
import { launchChromium, offlineContext } from './support/browser';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { startHub, type TestHub } from './support/hub';
import { whileSubgraphDown } from './support/subgraph-down';

/**
 * The reference dashboard page in a real browser (Debian chromium): it loads with nothing from outside
 * the hub, shows the figures the public API answers, and changes when someone checks in.
 */
const ARTIFACTS = path.resolve(__dirname, '../test-artifacts');
const { year, startsAt, endsAt } = currentYearWindow();

interface Stats {
  activityStats: { activityCount: number; participantCount: number; checkInCount: number; onlineActivityCount: number;
    byJointAction: Array<{ jointAction: string; activityCount: number }>; byContentArea: Array<{ contentArea: string; activityCount: number }> };
  volunteerStats: { volunteerCount: number; activeVolunteerCount: number; serviceHours: number };
  evaluationStats: { feedbackCount: number; averageRating: number | null };
}
interface Region {
  code: string;
  name: string;
  activityStats: { activityCount: number; participantCount: number; checkInCount: number };
  volunteerStats: { serviceHours: number };
  evaluationStats: { averageRating: number | null };
}
interface DashboardPage {
  campaigns: Array<{ year: number }>;
  campaign: Stats & { year: number };
  regions: Region[];
  topActivitiesByCheckIns: Array<{ id: string; checkInCount: number }>;
  topRatedActivities: Array<{ activity: { id: string } }>;
}

let hub: TestHub;
let browser: Browser;
let activityId: string;
const contexts: BrowserContext[] = [];

const DASHBOARD_PAGE = path.resolve(__dirname, '../schema/operations/dashboard-page.graphql');

async function apiFigures(campaign: number): Promise<DashboardPage> {
  const query = await readFile(DASHBOARD_PAGE, 'utf8');
  const result = await hub.query<DashboardPage>(query, { campaign });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** The page in a context that may reach only the hub; console errors and failed requests are kept. */
async function openDashboard(viewport: { width: number; height: number }, search = '', watch?: (page: Page) => void) {
  const { context, blocked } = await offlineContext(browser, hub.origin, { viewport });
  contexts.push(context);
  const page = await context.newPage();
  watch?.(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(`${hub.origin}/dashboard${search}`);
  try {
    await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
    await page.waitForSelector('#live[data-live="live"]', { timeout: 10_000 });
  } catch (error) {
    const shown = await page.evaluate(() => ({ state: document.body.dataset.state, error: document.getElementById('error')!.textContent }));
    throw new Error(`the dashboard did not get ready: ${JSON.stringify({ shown, problems, blocked })}`, { cause: error });
  }
  return { page, blocked, problems };
}

/** data-value of every figure element matching `selector`, keyed by data-figure. */
function figuresOf(page: Page, selector: string): Promise<Record<string, string>> {
  return page.$$eval(selector, (elements) =>
    Object.fromEntries(elements.map((element) => [(element as HTMLElement).dataset.figure!, (element as HTMLElement).dataset.value!])));
}

function expectNationalFigures(shown: Record<string, string>, campaign: Stats) {
  const { activityStats: a, volunteerStats: v, evaluationStats: e } = campaign;
  expect(shown).toEqual({
    activityCount: String(a.activityCount),
    onlineActivityCount: String(a.onlineActivityCount),
    participantCount: String(a.participantCount),
    checkInCount: String(a.checkInCount),
    volunteerCount: String(v.volunteerCount),
    activeVolunteerCount: String(v.activeVolunteerCount),
    serviceHours: String(v.serviceHours),
    averageRating: e.averageRating == null ? '' : String(e.averageRating),
    feedbackCount: String(e.feedbackCount),
  });
}

async function expectPageMatchesApi(page: Page, api: DashboardPage) {
  expectNationalFigures(await figuresOf(page, '.kpis [data-figure]'), api.campaign);
  const provinces = await page.$$eval('#province-table tbody tr', (rows) => rows.map((row) => ({
    code: (row as HTMLElement).dataset.region,
    name: row.querySelector('th')!.textContent,
    ...Object.fromEntries(Array.from(row.querySelectorAll('td')).map((cell) => [cell.dataset.figure, cell.dataset.value])),
  })));
  expect(provinces).toHaveLength(32);
  expect(provinces).toEqual(api.regions.map((region) => ({
    code: region.code,
    name: region.name,
    activityCount: String(region.activityStats.activityCount),
    participantCount: String(region.activityStats.participantCount),
    checkInCount: String(region.activityStats.checkInCount),
    serviceHours: String(region.volunteerStats.serviceHours),
    averageRating: region.evaluationStats.averageRating == null ? '' : String(region.evaluationStats.averageRating),
  })));
  const jointActions = JSON.parse((await page.getAttribute('#chart-joint', 'data-values'))!);
  expect(jointActions).toEqual(Object.fromEntries(api.campaign.activityStats.byJointAction.map((entry) => [entry.jointAction, entry.activityCount])));
  expect(Object.keys(jointActions)).toHaveLength(10);
  const contentAreas = JSON.parse((await page.getAttribute('#chart-areas', 'data-values'))!);
  expect(contentAreas).toEqual(Object.fromEntries(api.campaign.activityStats.byContentArea.map((entry) => [entry.contentArea, entry.activityCount])));
  expect(Object.keys(contentAreas)).toHaveLength(4);
  const top = await page.$$eval('#top-checkins li[data-activity]', (items) => items.map((item) => ({
    id: (item as HTMLElement).dataset.activity,
    checkInCount: Number((item.querySelector('[data-figure]') as HTMLElement).dataset.value),
  })));
  expect(top).toEqual(api.topActivitiesByCheckIns.map(({ id, checkInCount }) => ({ id, checkInCount })));
  const rated = await page.$$eval('#top-rated li[data-activity]', (items) => items.map((item) => (item as HTMLElement).dataset.activity));
  expect(rated).toEqual(api.topRatedActivities.map((entry) => entry.activity.id));
}

/** The page fits the viewport's width (no sideways scrolling) and has drawn its four charts. */
async function expectLaidOut(page: Page) {
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    canvases: Array.from(document.querySelectorAll('.chart')).map((chart) => {
      const canvas = chart.querySelector('canvas');
      return canvas ? canvas.getBoundingClientRect().width > 100 && canvas.getBoundingClientRect().height > 100 : false;
    }),
  }));
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.canvases).toEqual([true, true, true, true]);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // Cached as deployed (DEFAULT_CACHE_MAX_AGES): the page reads through the response cache and still follows events.
  [hub, browser] = await Promise.all([startHub({ seed: true, cacheMaxAges: DEFAULT_CACHE_MAX_AGES }), launchChromium()]);
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
  const registered = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title: '武汉节水科普进社区', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
        contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt,
        expectedParticipants: 300,
      },
    },
    await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
  );
  expect(registered.errors).toBeUndefined();
  activityId = registered.data!.registerActivity.id;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  // The pages' subscriptions ended with the browser; the gateway's upstream clients close their idle
  // sockets 1 s later (lazyCloseTimeout in gateway/src/subscriptions/upstream.ts), on a timer that
  // closing the hub does not clear. Let it run out so this file leaves nothing behind.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  await hub?.close();
});

describe('the dashboard page (/dashboard) in chromium', () => {
  it('loads with nothing from outside the hub and shows the figures the API answers, for the campaign chosen', async () => {
    const { page, blocked, problems } = await openDashboard({ width: 1366, height: 768 }, '?campaign=2020');
    expect(await page.title()).toBe('2020年全国科普日数据看板');
    await expectPageMatchesApi(page, await apiFigures(2020));
    await expectLaidOut(page);
    // The selector offers 2020 and every later campaign in the hub.
    const api = await apiFigures(2020);
    const offered = await page.$$eval('#campaign option', (options) => options.map((option) => Number((option as HTMLOptionElement).value)));
    expect(offered).toEqual(api.campaigns.map((campaign) => campaign.year).filter((y) => y >= 2020).sort((a, b) => b - a));
    expect(offered).toContain(year);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-1366x768.png'), fullPage: true });

    // Switching the campaign shows that year's figures.
    const renders = Number(await page.getAttribute('body', 'data-renders'));
    await page.selectOption('#campaign', String(year));
    await page.waitForFunction((before) => Number(document.body.dataset.renders) > before && document.body.dataset.campaign === String(document.querySelector<HTMLSelectElement>('#campaign')!.value), renders);
    await page.waitForSelector('body[data-state="ready"]');
    expect(new URL(page.url()).searchParams.get('campaign')).toBe(String(year));
    await expectPageMatchesApi(page, await apiFigures(year));

    // The metric switch redraws the ranked bars without a request.
    await page.click('#metric button[data-metric="checkInCount"]');
    expect(await page.getAttribute('#metric button[data-metric="checkInCount"]', 'aria-checked')).toBe('true');

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('changes live when someone checks in (statsChanged): the province row and the national totals', async () => {
    const { page, blocked, problems } = await openDashboard({ width: 1366, height: 768 }, `?campaign=${year}`);
    const before = await apiFigures(year);
    await expectPageMatchesApi(page, before);
    const hubeiBefore = before.regions.find((region) => region.code === '420000')!.activityStats.checkInCount;

    const checkedIn = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId },
      await hub.token({ role: 'public', sub: 'dashboard-visitor' }));
    expect(checkedIn.errors).toBeUndefined();

    const national = before.campaign.activityStats.checkInCount + 1;
    await page.waitForSelector(`#province-table tr[data-region="420000"] td[data-figure="checkInCount"][data-value="${hubeiBefore + 1}"]`, { state: 'attached', timeout: 10_000 });
    // The national totals come from the page query, which may be answered from the cache: within its max-age (4 s) after the event.
    await page.waitForSelector(`#kpi-checkInCount[data-value="${national}"]`, { timeout: 15_000 });
    const after = await apiFigures(year);
    expect(after.campaign.activityStats.checkInCount).toBe(national);
    await expectPageMatchesApi(page, after);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reads its figures with a cacheable GET of the persisted query, which the next screen gets from the hub\'s cache', async () => {
    const graphqlCalls = (page: Page, calls: Array<{ method: string; search: URLSearchParams; headers: Record<string, string> }>) =>
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname === '/graphql') calls.push({ method: response.request().method(), search: url.searchParams, headers: response.headers() });
      });
    const first: Array<{ method: string; search: URLSearchParams; headers: Record<string, string> }> = [];
    await openDashboard({ width: 1366, height: 768 }, '?campaign=2020', (page) => graphqlCalls(page, first));
    const second: typeof first = [];
    // The same read by any client (here a POST) keeps an entry the next screen is given, whatever the transport.
    const api = await apiFigures(2020);
    const { page, blocked, problems } = await openDashboard({ width: 1366, height: 768 }, '?campaign=2020', (opened) => graphqlCalls(opened, second));
    await expectPageMatchesApi(page, api);
    // Every screen after the first asks by hash only, over GET, and is answered from the cache, publicly cacheable.
    expect(second).toHaveLength(1);
    const [read] = second;
    expect(read.method).toBe('GET');
    expect(read.search.get('query')).toBeNull();
    expect(JSON.parse(read.search.get('extensions')!)).toEqual({
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(await readFile(DASHBOARD_PAGE, 'utf8')).digest('hex') },
    });
    expect(read.headers['cache-control']).toMatch(/^max-age=\d+, public$/);
    expect(read.headers.age).toBeDefined();
    expect(first.every((call) => call.method === 'GET' || call.method === 'POST')).toBe(true);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('fits a phone screen (390×844) and is in Chinese', async () => {
    const { page, blocked, problems } = await openDashboard({ width: 390, height: 844 }, '?campaign=2020');
    await expectLaidOut(page);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const headings = await page.$$eval('h1, h2', (elements) => elements.map((element) => element.textContent!.trim()));
    for (const heading of headings) expect(heading).toMatch(/[\u4e00-\u9fff]/);
    // Joint actions and content areas are shown by their Chinese names (drawn on canvas; the labels come from the page's maps).
    const labels = await page.evaluate(() => {
      const chart = (window as unknown as { echarts: { getInstanceByDom(element: Element): { getOption(): { yAxis: Array<{ data: string[] }>; series: Array<{ data: Array<{ name: string }> }> } } } })
        .echarts;
      const joint = chart.getInstanceByDom(document.getElementById('chart-joint')!).getOption().yAxis[0].data;
      const areas = chart.getInstanceByDom(document.getElementById('chart-areas')!).getOption().series[0].data.map((entry) => entry.name);
      return [...joint, ...areas];
    });
    expect(labels).toHaveLength(14);
    for (const label of labels) expect(label).toMatch(/^[\u4e00-\u9fff与]+$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-390x844.png'), fullPage: true });
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows what it can while a subgraph is down: volunteering\'s figures as —, every other figure, and a note', async () => {
    const api = await apiFigures(2020);
    await whileSubgraphDown(hub, 'volunteering', async () => {
      // Answers cached before it went down may be served for up to their max-age.
      await new Promise((resolve) => setTimeout(resolve, (DEFAULT_CACHE_MAX_AGES.stats + 1) * 1000));
      const { page, blocked, problems } = await openDashboard({ width: 1366, height: 768 }, '?campaign=2020');
      const national = await figuresOf(page, '.kpis [data-figure]');
      expect(national).toMatchObject({
        activityCount: String(api.campaign.activityStats.activityCount),
        feedbackCount: String(api.campaign.evaluationStats.feedbackCount),
        volunteerCount: '', activeVolunteerCount: '', serviceHours: '',
      });
      const provinces = await page.$$eval('#province-table tbody tr', (rows) => rows.map((row) => ({
        activityCount: row.querySelector<HTMLElement>('[data-figure="activityCount"]')!.dataset.value,
        serviceHours: row.querySelector<HTMLElement>('[data-figure="serviceHours"]')!.textContent,
      })));
      expect(provinces).toEqual(api.regions.map((region) => ({ activityCount: String(region.activityStats.activityCount), serviceHours: '—' })));
      const note = await page.$eval('#error', (box) => ({ hidden: (box as HTMLElement).hidden, text: box.textContent }));
      expect(note.hidden).toBe(false);
      expect(note.text).toMatch(/^部分数据暂不可用/);
      expect(blocked).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('serves only its own files: the page with a CSP, pinned libraries, and the operations as committed', async () => {
    const page = await fetch(`${hub.origin}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const operation = await fetch(`${hub.origin}/dashboard/operations/dashboard-live.graphql`);
    const committed = await readFile(path.resolve(__dirname, '../schema/operations/dashboard-live.graphql'), 'utf8');
    expect(await operation.text()).toBe(committed);
    expect(operation.headers.get('x-persisted-query-hash')).toBe(createHash('sha256').update(committed).digest('hex'));
    const echarts = await fetch(`${hub.origin}/dashboard/assets/echarts.common.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(echarts.status).toBe(200);
    expect(echarts.headers.get('content-type')).toMatch(/^text\/javascript/);
    await echarts.arrayBuffer();
    const etag = echarts.headers.get('etag')!;
    const revalidated = await fetch(`${hub.origin}/dashboard/assets/echarts.common.min.js`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    await revalidated.arrayBuffer();
    for (const missing of ['/dashboard/assets/app.ts', '/dashboard/assets/..%2Findex.ts', '/dashboard/operations/..%2F..%2Fpackage.json', '/dashboard/operations/none.graphql']) {
      const response = await fetch(`${hub.origin}${missing}`);
      expect(response.status).toBe(404);
      await response.arrayBuffer();
    }
  });
});
