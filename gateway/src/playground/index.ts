import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { chinaYear, sendStaticFile, staticFile, type StaticFile } from '@kepuri/platform';
import { OPERATIONS_DIR, readExamples, type ExampleOperation } from './examples';
import { PLAYGROUND_CSP, renderPage } from './page';

export { accessPolicyPlugin, introspectionRefusal, isIntrospection, policyRefusal } from './policy';

export interface PlaygroundOptions {
  /** The GraphQL endpoint the page talks to over HTTP and WebSocket (default `/graphql`). */
  endpoint?: string;
  /**
   * Production policy: the page asks for a developer or admin token before it loads the schema
   * (introspection is refused to everyone else, see policy.ts).
   */
  restricted: boolean;
  /** Where the example operations live (default `schema/operations`). */
  examplesDir?: string;
}

/** Where the browser loads the playground's files from; every one is served by the gateway itself. */
export const ASSET_PREFIX = '/playground/assets';

function packageFile(name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

/**
 * The page's files, all from node_modules or this folder: GraphiQL's prebuilt UMD bundle (fonts and
 * icons inlined), React 18's UMD builds that it runs on, graphql-ws's browser client, and the hub's
 * own script and styles. Nothing comes from a CDN, so the playground works with no internet at all.
 */
const ASSET_FILES: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'graphql-ws.js': { file: packageFile('graphql-ws', 'umd/graphql-ws.min.js'), type: 'text/javascript' },
  'playground.js': { file: path.join(__dirname, 'client/playground.js'), type: 'text/javascript' },
  'playground.css': { file: path.join(__dirname, 'client/playground.css'), type: 'text/css' },
};

interface Asset {
  file: StaticFile;
  type: string;
}

/** A browser's GET that prefers a page to a GraphQL response (the negotiation Apollo's landing page uses). */
export function prefersHtml(req: express.Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Serves the playground: `GET /graphql` from a browser (Accept: text/html) gets the page, its files
 * come from `/playground/assets/<hash>/<name>`. Mount before the GraphQL middleware; other requests
 * to `/graphql` pass through untouched.
 */
export function mountPlayground(app: express.Express, options: PlaygroundOptions): void {
  const endpoint = options.endpoint ?? '/graphql';
  // Read once at start (about 1.6 MB); each URL carries the content hash, so browsers may cache for long.
  const assets = new Map<string, Asset>();
  const urls: Record<string, string> = {};
  for (const [name, { file, type }] of Object.entries(ASSET_FILES)) {
    const served = staticFile(readFileSync(file));
    const hash = served.hash.slice(0, 12);
    assets.set(`${hash}/${name}`, { file: served, type });
    urls[name] = `${ASSET_PREFIX}/${hash}/${name}`;
  }

  let examples: { year: number; list: ExampleOperation[] } | null = null;
  const currentExamples = (): ExampleOperation[] => {
    // `{{year}}` in an example's variables is the current year: read again when the year turns.
    const year = chinaYear(new Date());
    if (examples?.year !== year) examples = { year, list: readExamples(options.examplesDir ?? OPERATIONS_DIR) };
    return examples.list;
  };
  currentExamples();

  app.get(`${ASSET_PREFIX}/:hash/:name`, (req, res) => {
    const asset = assets.get(`${req.params.hash}/${req.params.name}`);
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    return sendStaticFile(req, res, asset.file, { type: `${asset.type}; charset=utf-8`, cacheControl: 'public, max-age=31536000, immutable' });
  });

  app.get(endpoint, (req, res, next) => {
    if (!prefersHtml(req)) {
      next();
      return;
    }
    res.set({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': PLAYGROUND_CSP });
    res.type('html').send(renderPage({ endpoint, restricted: options.restricted, assets: urls, examples: currentExamples() }));
  });
}

/** The playground's example operations as a client of the registry: what it sends when an example runs unedited. */
export function playgroundDocuments(examplesDir = OPERATIONS_DIR): string[] {
  return readExamples(examplesDir).map((example) => example.query);
}
