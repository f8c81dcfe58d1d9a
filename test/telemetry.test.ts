import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/postgres';

/**
 * Traces across the hub: `npm start` with OTEL_EXPORTER_OTLP_ENDPOINT set sends OTLP/HTTP to a real
 * receiver (a small HTTP server here, as a collector would run), and one client request is one trace
 * from the gateway through each subgraph fetch down to the SQL; the processes' JSON log lines of that
 * request carry its request id and its trace id.
 */
const root = path.resolve(__dirname, '..');

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP JSON receiver: POST /v1/traces. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) {
        type Attribute = { key: string; value: Record<string, unknown> };
        const flatten = (attributes: Attribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
        const payload = JSON.parse(body) as { resourceSpans: Array<{ resource: { attributes: Attribute[] }; scopeSpans: Array<{ spans: Array<Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes: Attribute[] }> }> }> };
        for (const resource of payload.resourceSpans) {
          const service = String(flatten(resource.resource.attributes)['service.name']);
          for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service, attributes: flatten(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('OpenTelemetry and logs', () => {
  it('one trace runs from the gateway through the subgraph fetches to the SQL, exported over OTLP/HTTP; log lines name it', async () => {
    const receiver = await startReceiver();
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-otel-')), 'postgres');
    const hub: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
      cwd: root,
      env: {
        ...process.env, PG_PORT: String(await freePort()), PG_DATA_DIR: dataDir, GATEWAY_PORT: '0',
        ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200',
        // What production writes (JSON), with the per-operation lines.
        LOG_FORMAT: 'json', LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    hub.stdout!.on('data', (chunk) => (output += chunk));
    hub.stderr!.on('data', (chunk) => (output += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /Playground & GraphQL:\s+(\S+)/.exec(output);
          if (match && output.includes('Press Ctrl-C')) {
            clearInterval(timer);
            resolve(match[1]);
          }
        }, 100);
        hub.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
      });
      const query = '{ activities(first: 2, filter: { campaign: 2020 }) { edges { node { title organizer { name } volunteerCount } } } }';
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

      // The gateway's server span for that request, and everything in its trace.
      const deadline = Date.now() + 20_000;
      let trace: ReceivedSpan[] = [];
      while (Date.now() < deadline) {
        const root = receiver.spans.find((span) => span.service === 'gateway' && span.parentSpanId === undefined && /POST/.test(span.name));
        trace = root ? receiver.spans.filter((span) => span.traceId === root.traceId) : [];
        const services = new Set(trace.map((span) => span.service));
        if (['gateway', 'activities', 'organizations', 'volunteering'].every((name) => services.has(name)) && trace.some((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const services = new Set(trace.map((span) => span.service));
      expect([...services].sort()).toEqual(expect.arrayContaining(['activities', 'gateway', 'organizations', 'volunteering']));
      // The subgraphs' SQL is in the same trace, under their server spans.
      const sql = trace.filter((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');
      expect(sql.map((span) => span.service)).toEqual(expect.arrayContaining(['activities']));
      // Every span but the root has its parent in the trace: the context crossed every hop.
      const ids = new Set(trace.map((span) => span.spanId));
      expect(trace.filter((span) => span.parentSpanId && !ids.has(span.parentSpanId)).map((span) => `${span.service}: ${span.name}`)).toEqual([]);

      // Logs: one JSON object per line from every process, and the lines of this request name it and its trace.
      const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'activities', 'organizations', 'volunteering', 'evaluations']));
      for (const line of lines) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
      const ofRequest = lines.filter((line) => line.requestId === requestId && line.msg === 'graphql operation');
      expect(new Set(ofRequest.map((line) => line.service))).toEqual(new Set(['gateway', 'activities', 'organizations', 'volunteering']));
      for (const line of ofRequest) expect(line.traceId).toBe(trace[0].traceId);
    } finally {
      await new Promise<void>((resolve) => {
        if (hub.exitCode !== null) return resolve();
        hub.once('exit', () => resolve());
        hub.kill('SIGTERM');
      });
      await receiver.close();
    }
  }, 90_000);
});
