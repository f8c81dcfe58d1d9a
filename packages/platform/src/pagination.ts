import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { CacheHint } from './cache-hints';
import { badInput } from './errors';
import { isDataException } from './input-errors';

@Directive('@shareable')
@ObjectType({ description: '分页信息 — Relay page info.' })
@CacheHint('inherit')
export class PageInfo {
  @Field({ description: '是否有下一页 — whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: '末项游标 — cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

/** Opaque keyset cursors: the ordering columns of a row, base64url-encoded. */
export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): Array<string | number> {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return parts;
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'is not a cursor this connection issued');
}

/** Page size limits shared by every connection. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数 — page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsOptional() @Min(1) @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: '起始游标 — return the items after this cursor.' })
  @IsOptional() @MaxLength(500)
  after?: string;
}

export interface Connection<T> {
  totalCount: number;
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/** What a connection's types and fields say about its items: the texts differ by item, so each is given whole. */
export interface ConnectionDescriptions {
  connection: string;
  totalCount: string;
  edges: string;
  edge: string;
  node: string;
}

/**
 * A Relay connection of `node` items: the GraphQL types `<name>Connection` (totalCount, edges,
 * pageInfo) and `<name>Edge` (cursor, node). Call it once per item type, at module load.
 */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string, describe: ConnectionDescriptions): ClassType<Connection<T>> {
  // A page is as fresh as what it lists: the field that returns it declares how long (CacheHint).
  @ObjectType(`${name}Edge`, { description: describe.edge })
  @CacheHint('inherit')
  class Edge {
    @Field(() => String, { description: '游标 — cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: describe.node })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: describe.connection })
  @CacheHint('inherit')
  class Page implements Connection<T> {
    @Field(() => Int, { description: describe.totalCount })
    totalCount!: number;

    @Field(() => [Edge], { description: describe.edges })
    edges!: Edge[];

    @Field(() => PageInfo, { description: '分页信息 — page info.' })
    pageInfo!: PageInfo;
  }

  return Page;
}

/**
 * One keyset page of a filtered query ordered by two properties (the second unique), plus the
 * total: two statements whatever the page size, and no OFFSET however deep the page.
 */
export async function keysetPage<T extends object>(
  filtered: SelectQueryBuilder<T>,
  order: readonly [string, string],
  keyOf: (row: T) => [string | number, string],
  first: number,
  after?: string,
): Promise<Connection<T>> {
  const alias = filtered.alias;
  const [primary, tieBreak] = order.map((property) => `${alias}.${property}`);
  const page = filtered.clone().orderBy(primary, 'ASC').addOrderBy(tieBreak, 'ASC').limit(first + 1);
  if (after) {
    const [afterPrimary, afterTieBreak] = decodeCursor(after, 2);
    page.andWhere(`(${primary}, ${tieBreak}) > (:afterPrimary, :afterTieBreak)`, { afterPrimary, afterTieBreak });
  }
  const [rows, totalCount] = await Promise.all([
    page.getMany().catch((error: unknown) => {
      // A cursor that decodes but holds values of the wrong type (forged): the caller's, not the database's, mistake.
      throw after && isDataException(error) ? badInput('after', 'is not a cursor this connection issued') : error;
    }),
    filtered.getCount(),
  ]);
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return { totalCount, edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** ILIKE pattern that matches `keyword` literally anywhere. */
export function containsPattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
