import type { Browser, Page } from 'playwright-core';
import { launchChromium, offlineContext } from './support/browser';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { startHub, type TestHub } from './support/hub';

/**
 * The playground in a real browser (Debian chromium through playwright-core) that may reach
 * nothing but the hub: every other request is aborted and recorded, as on a machine with the
 * network unplugged.
 */
let hub: TestHub;
let browser: Browser;
let activityId: string;
const { year, startsAt, endsAt } = currentYearWindow();

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
  const registered = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title: '武汉节水科普进社区（浏览器）', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
        contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt, expectedParticipants: 300,
      },
    },
    await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
  );
  expect(registered.errors).toBeUndefined();
  activityId = registered.data!.registerActivity.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** What the tests touch of a CodeMirror 5 editor in the page (the test runs without DOM types). */
type EditorElement = { CodeMirror?: { getValue(): string; setValue(text: string): void } };
type PageDocument = { querySelector(selector: string): EditorElement | null };

/** The text of one of GraphiQL's CodeMirror editors (the whole document, not only the lines on screen). */
function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((css) => {
    const element = (globalThis as unknown as { document: PageDocument }).document.querySelector(`${css} .CodeMirror`);
    return element?.CodeMirror?.getValue() ?? '';
  }, selector);
}

function setEditorText(page: Page, selector: string, text: string): Promise<void> {
  return page.evaluate(([css, value]) => {
    const element = (globalThis as unknown as { document: PageDocument }).document.querySelector(`${css} .CodeMirror`);
    if (!element?.CodeMirror) throw new Error(`no editor at ${css}`);
    element.CodeMirror.setValue(value);
  }, [selector, text] as const);
}

const RESULT = '.result-window';
/** The variables or headers editor, whichever tab is shown. */
const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';

/** Waits until the result pane's text satisfies `test` (GraphiQL writes the response there). */
async function waitForResult(page: Page, test: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await editorText(page, RESULT);
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the result pane did not show what was expected; it shows: ${text.slice(0, 500)}`);
    await page.waitForTimeout(100);
  }
}

async function checkIn(user: string): Promise<void> {
  const result = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, await hub.token({ role: 'public', sub: user }));
  expect(result.errors).toBeUndefined();
}

describe('the playground in chromium with the network otherwise closed', () => {
  it('loads everything from the hub, runs an example query, shows the docs, and shows a subscription event after a check-in', async () => {
    const { context, blocked } = await offlineContext(browser, hub.origin);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
      const response = await page.goto(hub.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      await page.waitForSelector('.graphiql-container');
      await page.waitForSelector('[data-example="activity-search"]');

      // An example from schema/operations, loaded with its variables and run over HTTP.
      await page.click('[data-example="activity-search"]');
      expect(await editorText(page, '.graphiql-query-editor')).toContain('query ActivitySearch');
      expect(JSON.parse(await editorText(page, '.graphiql-editor-tool'))).toMatchObject({ filter: { campaign: 2020, regionCode: '420000' } });
      await page.click('.graphiql-execute-button');
      const searched = JSON.parse(await waitForResult(page, (text) => text.includes('"totalCount"')));
      expect(searched.errors).toBeUndefined();
      expect(searched.data.activities.totalCount).toBeGreaterThan(0);
      expect(searched.data.activities.edges[0].node.organizer.name).toEqual(expect.any(String));

      // The docs explorer reads the schema (introspection) and shows the descriptions.
      await page.click('[aria-label="Show Documentation Explorer"]');
      await page.waitForSelector('.graphiql-doc-explorer');
      await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name:has-text("Query")');
      await page.waitForSelector('.graphiql-doc-explorer-field-name:has-text("activities")');

      // A subscription over the gateway's WebSocket, with a token from the headers editor.
      await page.click('[aria-label="Show 示例 Examples"]'); // the docs explorer took the pane
      await page.click('[data-example="check-ins-live"]');
      await setEditorText(page, TOOL_EDITOR, JSON.stringify({ activityId }));
      // The headers editor's token goes in connection_init: a bad one closes the socket (4401), shown in the pane.
      await page.click('.graphiql-editor-tools button:has-text("Headers")');
      await setEditorText(page, TOOL_EDITOR, JSON.stringify({ Authorization: 'Bearer not-a-token' }));
      await page.click('.graphiql-execute-button');
      expect(await waitForResult(page, (text) => text.includes('4401'))).toContain('The WebSocket was closed: 4401 Unauthorized');
      await setEditorText(page, TOOL_EDITOR, JSON.stringify({ Authorization: `Bearer ${await hub.token({ role: 'public', sub: 'watcher' })}` }));
      await page.click('.graphiql-execute-button');
      // The upstream subscription opens on the first subscriber; check in until an event arrives.
      let shown = '';
      for (let attempt = 1; !shown; attempt += 1) {
        await checkIn(`browser-user-${attempt}`);
        shown = await waitForResult(page, (text) => text.includes('"checkInRecorded"'), 2_000).catch((error: Error) => {
          if (attempt >= 10) throw error;
          return '';
        });
      }
      const event = JSON.parse(shown);
      expect(event.data.checkInRecorded).toMatchObject({
        checkInCount: expect.any(Number),
        activity: { id: activityId, title: '武汉节水科普进社区（浏览器）', organizer: { name: '湖北省科学技术协会' } },
      });
      expect(requested.some((url) => url.startsWith(`${hub.origin}/playground/assets/`))).toBe(true);
      expect(blocked).toEqual([]);
      expect(requested.filter((url) => !url.startsWith(hub.origin))).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('the playground of a production gateway', () => {
  let productionUrl: string;
  beforeAll(async () => {
    // Another gateway on the same subgraphs, closed with the hub.
    productionUrl = (await hub.addGateway({ production: true })).url;
  });

  it('asks for a developer or admin token before it loads the schema', async () => {
    const { context, blocked } = await offlineContext(browser, new URL(productionUrl).origin);
    const page = await context.newPage();
    try {
      await page.goto(productionUrl);
      await page.waitForSelector('form.kp-gate');
      expect(await page.locator('.graphiql-container').count()).toBe(0);

      await page.fill('#kp-token', await hub.token({ role: 'public', sub: 'curious-user' }));
      await page.click('form.kp-gate button[type="submit"]');
      await page.waitForSelector('.kp-error');
      expect(await page.textContent('.kp-error')).toMatch(/^FORBIDDEN: Introspection/);

      await page.fill('#kp-token', await hub.token({ role: 'developer', sub: 'ministry-developer' }));
      await page.click('form.kp-gate button[type="submit"]');
      await page.waitForSelector('.graphiql-container');
      await page.click('[aria-label="Show Documentation Explorer"]');
      await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name:has-text("Query")');
      await page.waitForSelector('.graphiql-doc-explorer-field-name:has-text("activities")');
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
