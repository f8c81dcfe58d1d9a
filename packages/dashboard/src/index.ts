import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type express from 'express';
import { sendStaticFile, staticFile, type StaticFile } from '@kepuri/platform';

/**
 * The reference dashboard page (数据看板) at `/dashboard`: a static page that reads only the public
 * GraphQL API — the operations in `schema/operations/`, served here as they are — and updates through
 * the `statsChanged` subscription. Everything it loads comes from this gateway (no CDN): the page, its
 * script and styles, ECharts and the graphql-ws browser client from node_modules.
 */
export interface DashboardOptions {
  /** Where the page's operations live (default: the repository's schema/operations). */
  operationsDir?: string;
}

interface Asset {
  file: string;
  type: string;
}

const PUBLIC_DIR = path.resolve(__dirname, '../public');
const OPERATIONS_DIR = path.resolve(__dirname, '../../../schema/operations');
const OPERATION_FILE = /^[a-z0-9][a-z0-9-]*\.graphql$/;

/** Everything under /dashboard/assets/, by name: the page's own files and the two pinned libraries. */
const ASSETS: Record<string, Asset> = {
  'dashboard.js': { file: path.join(PUBLIC_DIR, 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { file: path.join(PUBLIC_DIR, 'dashboard.css'), type: 'text/css; charset=utf-8' },
  // ECharts' "common" build: line, bar and pie with their components, two thirds the size of the full one.
  'echarts.common.min.js': { file: require.resolve('echarts/dist/echarts.common.min.js'), type: 'text/javascript; charset=utf-8' },
  // graphql-ws's package exports do not list its browser build: found beside its main entry (dist/).
  'graphql-ws.min.js': { file: path.join(path.dirname(require.resolve('graphql-ws')), '../umd/graphql-ws.min.js'), type: 'text/javascript; charset=utf-8' },
};
const PAGE: Asset = { file: path.join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' };

// Scripts and styles only from this origin; the page's fetches and its WebSocket go to this origin too.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // ECharts positions its tooltip with inline styles
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Files are read and compressed once, on first request, and kept: they change only with a deploy. */
function fileCache() {
  const loaded = new Map<string, Promise<StaticFile>>();
  return (file: string): Promise<StaticFile> => {
    let entry = loaded.get(file);
    if (!entry) {
      entry = readFile(file).then(staticFile);
      entry.catch(() => loaded.delete(file));
      loaded.set(file, entry);
    }
    return entry;
  };
}

/** The operation files the page sends (by hash), as they are: the client `kepuri-dashboard` registers them at start. */
export const DASHBOARD_OPERATIONS = ['dashboard-page.graphql', 'dashboard-live.graphql'];

/** The page as the gateway takes pages (GatewayOptions.pages), with its operations as a registered client. */
export function dashboardPage(options: DashboardOptions = {}): { mount(app: express.Express): void; client: { name: string; documents(): string[] } } {
  const operationsDir = options.operationsDir ?? OPERATIONS_DIR;
  return {
    mount: (app) => mountDashboard(app, options),
    client: { name: 'kepuri-dashboard', documents: () => DASHBOARD_OPERATIONS.map((file) => readFileSync(path.join(operationsDir, file), 'utf8')) },
  };
}

export function mountDashboard(app: express.Express, options: DashboardOptions = {}): void {
  const operationsDir = options.operationsDir ?? OPERATIONS_DIR;
  const load = fileCache();

  const send = async (req: express.Request, res: express.Response, asset: Asset, headers: (file: StaticFile) => Record<string, string> = () => ({})) => {
    let file: StaticFile;
    try {
      file = await load(asset.file);
    } catch {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.set(headers(file));
    // Revalidated on every load (cheap on the ETag), so a deploy is seen at once.
    await sendStaticFile(req, res, file, { type: asset.type, cacheControl: 'no-cache' });
  };

  app.get('/dashboard', (req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
    return send(req, res, PAGE);
  });
  app.get('/dashboard/assets/:name', (req, res) => {
    const asset = Object.hasOwn(ASSETS, req.params.name) ? ASSETS[req.params.name] : undefined;
    if (!asset) return void res.status(404).type('text/plain').send('Not found');
    return send(req, res, asset);
  });
  // The same operation documents any dashboard would copy, as committed in schema/operations/, each with
  // its sha256: the id under which the page sends it as an automatic persisted query (a cacheable GET).
  app.get('/dashboard/operations/:name', (req, res) => {
    const name = req.params.name;
    if (!OPERATION_FILE.test(name)) return void res.status(404).type('text/plain').send('Not found');
    return send(req, res, { file: path.join(operationsDir, name), type: 'application/graphql; charset=utf-8' }, (file) => ({ 'x-persisted-query-hash': file.hash }));
  });
}
