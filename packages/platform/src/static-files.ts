import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type express from 'express';

const gzipAsync = promisify(gzip);

/** A file the gateway serves from memory (the playground's and the dashboard's pages and libraries). */
export interface StaticFile {
  body: Buffer;
  /** The content's sha256, hex. */
  hash: string;
  /** A strong ETag from the hash. */
  etag: string;
  /** Compressed once, on first use, and kept. */
  gzipped(): Promise<Buffer>;
}

export function staticFile(body: Buffer): StaticFile {
  let gzipped: Promise<Buffer> | undefined;
  const hash = createHash('sha256').update(body).digest('hex');
  return {
    body,
    hash,
    etag: `"${hash.slice(0, 32)}"`,
    gzipped: () => (gzipped ??= gzipAsync(body)),
  };
}

/**
 * Sends a static file: 304 when the browser's copy is current, gzip when the browser takes it
 * (these libraries are large for ministry networks: GraphiQL 1 MB, about 300 kB gzipped).
 */
export async function sendStaticFile(
  req: express.Request,
  res: express.Response,
  file: StaticFile,
  headers: { type: string; cacheControl: string },
): Promise<void> {
  res.set({ 'content-type': headers.type, 'cache-control': headers.cacheControl, etag: file.etag, 'x-content-type-options': 'nosniff' });
  res.vary('accept-encoding');
  if (req.headers['if-none-match'] === file.etag) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.set('content-encoding', 'gzip').end(await file.gzipped());
    return;
  }
  res.end(file.body);
}
