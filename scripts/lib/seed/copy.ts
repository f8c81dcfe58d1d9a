import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * PostgreSQL COPY text format: one line per row, tab between columns, `\N` for NULL, and
 * backslash, tab, newline and carriage return escaped in values.
 */
export const NULL = '\\N';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

const ARRAY_ELEMENT_NEEDS_QUOTES = /[{}",\\\s]|^$|^null$/i;
/** An array literal (`{a,b}`) as one COPY value. */
export function array(values: readonly string[]): string {
  const elements = values.map((value) =>
    ARRAY_ELEMENT_NEEDS_QUOTES.test(value) ? `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"` : value);
  return text(`{${elements.join(',')}}`);
}

export const timestamp = (instant: Date | number): string => new Date(instant).toISOString();

/** One chunk of COPY text and how many rows it holds. */
export interface CopyChunk {
  text: string;
  rows: number;
}

/** Groups generated lines (each ending in a newline) into chunks of about `size` characters. */
export function* chunked(lines: Iterable<string>, size = 1 << 17): Generator<CopyChunk> {
  let buffer = '';
  let rows = 0;
  for (const line of lines) {
    buffer += line;
    rows += 1;
    if (buffer.length >= size) {
      yield { text: buffer, rows };
      buffer = '';
      rows = 0;
    }
  }
  if (rows > 0) yield { text: buffer, rows };
}

/**
 * Streams generated rows into `table` with `COPY … FROM STDIN`, respecting back-pressure, so that
 * no more than a few chunks are ever held in memory. Returns the row count the server reports.
 */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  chunks: Iterable<CopyChunk>,
  onRows?: (rows: number) => void,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  let failure: unknown;
  const failed = new Promise<never>((_, reject) => stream.once('error', (error) => { failure = error; reject(error); }));
  failed.catch(() => undefined);
  let sent = 0;
  for (const chunk of chunks) {
    if (failure) break;
    sent += chunk.rows;
    if (!stream.write(chunk.text, 'utf8')) await Promise.race([once(stream, 'drain'), failed]);
    onRows?.(chunk.rows);
  }
  if (failure) throw failure;
  stream.end();
  await Promise.race([finished(stream), failed]);
  if (stream.rowCount !== sent) throw new Error(`COPY ${table}: sent ${sent} rows, the server took ${stream.rowCount}`);
  return stream.rowCount;
}
