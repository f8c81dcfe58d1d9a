import type { ExampleOperation } from './examples';

export interface PageInput {
  endpoint: string;
  restricted: boolean;
  /** Asset name → URL (content-hashed). */
  assets: Record<string, string>;
  examples: ExampleOperation[];
}

/**
 * What the page may load: only this origin (and data: URIs for GraphiQL's inlined fonts and icons).
 * A file that tried to reach a CDN would be refused by the browser, not silently needed.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** JSON inside <script type="application/json">: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderPage(input: PageInput): string {
  const config = {
    endpoint: input.endpoint,
    restricted: input.restricted,
    examples: input.examples.map(({ id, name, kind, description, query, variables }) => ({ id, name, kind, description, query, variables })),
  };
  const script = (name: string) => `<script src="${escapeAttribute(input.assets[name])}"></script>`;
  const style = (name: string) => `<link rel="stylesheet" href="${escapeAttribute(input.assets[name])}">`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>全国科普日 data hub — GraphQL playground</title>
${style('graphiql.css')}
${style('playground.css')}
</head>
<body>
<div id="playground"><noscript>The playground needs JavaScript. Without it, POST GraphQL to ${escapeAttribute(input.endpoint)}.</noscript></div>
<script id="playground-config" type="application/json">${scriptJson(config)}</script>
${script('react.js')}
${script('react-dom.js')}
${script('graphiql.js')}
${script('graphql-ws.js')}
${script('playground.js')}
</body>
</html>
`;
}
