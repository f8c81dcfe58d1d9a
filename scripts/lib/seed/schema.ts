import type { ClientBase } from 'pg';

/**
 * What the loaders need to know about the tables the migrations made: that a table's columns are
 * exactly the ones a loader writes (or knowingly leaves to their defaults), whether the hub's
 * tables are empty, and the indexes and constraints to drop before a bulk load and rebuild after.
 */

export interface TableShape {
  table: string;
  /** Columns the loader writes, in COPY order. */
  columns: readonly string[];
  /** Columns the loader leaves to their default (or NULL) on purpose. */
  defaulted?: readonly string[];
}

interface ColumnInfo {
  column_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_generated: 'ALWAYS' | 'NEVER';
}

/**
 * Fails loudly when a table's columns differ from what its loader knows: a column the loader
 * writes that the table lacks, a column the table has that the loader neither writes nor lists as
 * defaulted (a migration added it), or a NOT NULL column without a default the loader leaves out.
 */
export async function assertTableShape(client: ClientBase, database: string, shape: TableShape): Promise<void> {
  const { rows } = await client.query<ColumnInfo>(
    `SELECT column_name, is_nullable, column_default, is_generated FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [shape.table],
  );
  if (rows.length === 0) throw new Error(`${database}: table ${shape.table} does not exist — did its migrations change?`);
  const actual = new Map(rows.map((row) => [row.column_name, row]));
  const known = new Set([...shape.columns, ...(shape.defaulted ?? [])]);
  const problems: string[] = [];
  for (const column of shape.columns) {
    const info = actual.get(column);
    if (!info) problems.push(`the loader writes ${column}, which the table does not have`);
    else if (info.is_generated === 'ALWAYS') problems.push(`the loader writes ${column}, a generated column`);
  }
  for (const [column, info] of actual) {
    if (!known.has(column)) {
      problems.push(`the table has ${column} (${info.is_nullable === 'NO' ? 'NOT NULL' : 'nullable'}${info.column_default ? `, default ${info.column_default}` : ''}), which the loader does not know`);
    } else if (!shape.columns.includes(column) && info.is_nullable === 'NO' && info.column_default === null && info.is_generated !== 'ALWAYS') {
      problems.push(`the loader leaves out ${column}, which is NOT NULL without a default`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${database}.${shape.table} differs from what the seed loader writes (update scripts/lib/seed/):\n  - ${problems.join('\n  - ')}`);
  }
}

/** Every table of the database the hub owns: all but TypeORM's migration bookkeeping. */
export async function hubTables(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'typeorm_migrations'
      ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** The hub's tables that hold at least one row. */
export async function nonEmptyTables(client: ClientBase): Promise<string[]> {
  const tables = await hubTables(client);
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ table_name: string }>(
    tables.map((table) => `SELECT '${table}' AS table_name WHERE EXISTS (SELECT 1 FROM ${quote(table)})`).join(' UNION ALL '),
  );
  return rows.map((row) => row.table_name);
}

export async function truncateHubTables(client: ClientBase): Promise<string[]> {
  const tables = await hubTables(client);
  if (tables.length > 0) await client.query(`TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY`);
  return tables;
}

function quote(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`unexpected identifier ${identifier}`);
  return `"${identifier}"`;
}

interface Deferred {
  table: string;
  name: string;
  kind: 'constraint' | 'foreign key' | 'index';
  definition: string;
}

/**
 * Drops the indexes, primary keys, unique and foreign-key constraints of `tables` (and foreign
 * keys elsewhere that point at them), exactly as the migrations made them, so that COPY only
 * appends; `rebuild` recreates each from its catalog definition (CHECK and NOT NULL constraints
 * stay in place and check every row as it arrives). Run both inside the load's transaction: a
 * failure rolls the drop back too.
 */
export async function deferIndexes(client: ClientBase, tables: readonly string[]) {
  const relations = tables.map((table) => quote(table));
  const { rows: constraints } = await client.query<{ name: string; tbl: string; type: string; definition: string }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS tbl, c.contype AS type, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE (c.contype IN ('p', 'u', 'x', 'f') AND c.conrelid = ANY($1::regclass[]))
         OR (c.contype = 'f' AND c.confrelid = ANY($1::regclass[]))
      ORDER BY c.oid`,
    [relations],
  );
  const { rows: indexes } = await client.query<{ name: string; tbl: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS tbl, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY i.indexrelid`,
    [relations],
  );
  const foreignKeys: Deferred[] = constraints.filter((c) => c.type === 'f')
    .map((c) => ({ table: c.tbl, name: c.name, kind: 'foreign key', definition: c.definition }));
  const keys: Deferred[] = constraints.filter((c) => c.type !== 'f')
    .map((c) => ({ table: c.tbl, name: c.name, kind: 'constraint', definition: c.definition }));
  const plain: Deferred[] = indexes.map((i) => ({ table: i.tbl, name: i.name, kind: 'index', definition: i.definition }));

  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const key of keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  for (const index of plain) await client.query(`DROP INDEX ${index.name}`);

  const pending = [...keys, ...plain, ...foreignKeys];
  return {
    /** What was dropped, for the report. */
    dropped: pending.map((item) => `${item.table}.${item.name}`),
    /**
     * Rebuilds what was dropped on `table` (all tables when omitted): keys and indexes first, then
     * the foreign keys whose both ends are back. Calls `onBuilt` with each one's time.
     */
    async rebuild(table?: string, onBuilt?: (item: Deferred, milliseconds: number) => void): Promise<void> {
      const ready = pending.filter((item) => item.kind !== 'foreign key' && (table === undefined || item.table === quote(table) || item.table === table));
      const fks = pending.filter((item) => item.kind === 'foreign key'
        && (table === undefined || item.table === quote(table) || item.table === table));
      for (const item of [...ready, ...fks]) {
        const started = Date.now();
        if (item.kind === 'index') await client.query(item.definition);
        else await client.query(`ALTER TABLE ${item.table} ADD CONSTRAINT "${item.name}" ${item.definition}`);
        pending.splice(pending.indexOf(item), 1);
        onBuilt?.(item, Date.now() - started);
      }
    },
    remaining: () => pending.length,
  };
}
