import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';

const PAGE_DIR = path.resolve(__dirname, 'page');

/** Only this origin: a page that tried to load something from a CDN would be refused, not silently need it. */
const CONTENT_SECURITY_POLICY = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"].join('; ');

/**
 * The registry page at `GET /registry` (a browser), offline like the playground: a static page and
 * its script and styles from this folder, read once when mounted. The page holds no data: it reads
 * the registry's GET endpoints with the token the user gives it.
 */
export function mountRegistryPage(router: express.Router): void {
  const files = {
    html: readFileSync(path.join(PAGE_DIR, 'registry.html'), 'utf8'),
    js: readFileSync(path.join(PAGE_DIR, 'registry.js'), 'utf8'),
    css: readFileSync(path.join(PAGE_DIR, 'registry.css'), 'utf8'),
  };
  router.get('/', (_req, res) => {
    res.set({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' }).type('html').send(files.html);
  });
  router.get('/page/registry.js', (_req, res) => void res.set('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(files.js));
  router.get('/page/registry.css', (_req, res) => void res.set('cache-control', 'no-cache').type('text/css; charset=utf-8').send(files.css));
}
