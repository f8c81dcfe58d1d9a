import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { TEST_JWT_SECRET, startHub, type TestHub } from './support/hub';

/**
 * README "Explore the graph": the snippets are the files of docs/examples, shown verbatim in the
 * README (checked here, so a changed snippet fails until the README shows it), and each one runs
 * here as a user would run it, against a running hub: HUB_URL and HUB_TOKEN are the only inputs.
 */
const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'docs/examples');
let hub: TestHub;
let token: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  hub = await startHub();
  token = await hub.token({ role: 'public', sub: 'readme-reader' });
}, 120_000);
afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
  await hub?.close();
});

/** Starts a snippet with the hub's URL and a token; collects its output lines. */
function start(command: string, args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, HUB_URL: hub.url, HUB_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const parts = stdout.split('\n');
    stdout = parts.pop()!;
    lines.push(...parts.filter((line) => line.trim()));
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}

const TS = ['-r', '@swc-node/register'];

describe('README "Explore the graph"', () => {
  it('shows every snippet of docs/examples verbatim', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Explore the graph'));
    expect(section.length).toBeGreaterThan(100);
    for (const [file, fence] of [['curl.sh', 'bash'], ['apollo-client.ts', 'ts'], ['graphql-ws.ts', 'ts']]) {
      const code = await readFile(path.join(examples, file), 'utf8');
      expect(section).toContain(`\`\`\`${fence}\n${code}\`\`\``);
    }
  });

  it('npm run token -- --role developer: a token the hub takes, read-only', async () => {
    const issued = spawn('node', [...TS, 'scripts/token.ts', '--role', 'developer', '--sub', 'dev-1'], {
      cwd: root, env: { ...process.env, NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    issued.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await new Promise((resolve) => issued.on('exit', resolve))).toBe(0);
    const developer = printed.trim();
    expect((await hub.query('{ campaigns { year } }', undefined, developer)).errors).toBeUndefined();
    const write = await hub.query(`mutation { checkIn(activityId: "${ORG.hubei}") { id } }`, undefined, developer);
    expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
  }, 30_000);

  it('curl: an anonymous query and a query with a token and variables', async () => {
    const curl = start('bash', [path.join(examples, 'curl.sh')]);
    expect(await curl.exited).toBe(0);
    expect(curl.lines).toHaveLength(2);
    const [anonymous, withToken] = curl.lines.map((line) => JSON.parse(line));
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.activities.totalCount).toBeGreaterThan(0);
    expect(anonymous.data.activities.edges[0].node.organizer.name).toEqual(expect.any(String));
    expect(withToken.errors).toBeUndefined();
    expect(withToken.data.region).toMatchObject({ name: '湖北省', activityStats: { activityCount: expect.any(Number) } });
  }, 30_000);

  it('Apollo Client: a province with figures from three subgraphs', async () => {
    const apollo = start('node', [...TS, path.join(examples, 'apollo-client.ts')]);
    expect(await apollo.exited).toBe(0);
    const data = JSON.parse(apollo.lines[0]);
    expect(data.region).toMatchObject({
      code: '420000',
      name: '湖北省',
      activityStats: { activityCount: expect.any(Number) },
      volunteerStats: { volunteerCount: expect.any(Number) },
      evaluationStats: { feedbackCount: expect.any(Number) },
    });
    const truth = await hub.query<{ region: { activityStats: { activityCount: number } } }>(
      '{ region(code: "420000") { activityStats(campaign: 2020) { activityCount } } }');
    expect(data.region.activityStats.activityCount).toBe(truth.data!.region.activityStats.activityCount);
  }, 30_000);

  it('graphql-ws: prints a check-in as it is recorded', async () => {
    const { year, startsAt, endsAt } = currentYearWindow();
    await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
    const registered = await hub.query<{ registerActivity: { id: string } }>(
      `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
      {
        input: {
          campaign: year, title: '读者的节水科普', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
          contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt, expectedParticipants: 100,
        },
      },
      await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
    );
    expect(registered.errors).toBeUndefined();
    const activityId = registered.data!.registerActivity.id;

    const listener = start('node', [...TS, path.join(examples, 'graphql-ws.ts')]);
    // The snippet starts (TypeScript through swc) and subscribes; check in until its first line appears.
    const deadline = Date.now() + 20_000;
    for (let user = 1; listener.lines.length === 0; user += 1) {
      if (Date.now() > deadline || listener.child.exitCode !== null) throw new Error(`no event printed; stderr: ${listener.stderr()}`);
      const checkedIn = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, await hub.token({ role: 'public', sub: `reader-${user}` }));
      expect(checkedIn.errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(JSON.parse(listener.lines[0])).toMatchObject({
      checkInRecorded: { checkInCount: expect.any(Number), activity: { title: '读者的节水科普', region: { name: '武汉市' }, organizer: { name: '湖北省科学技术协会' } } },
    });
    listener.child.kill('SIGTERM');
    await listener.exited;
  }, 40_000);
});
