import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { badInput } from './errors';

/** PostgreSQL's class 22, data exception: a value the column's type cannot hold (a uuid, a date, an enum, a number). */
const DATA_EXCEPTION = /^22/;

function driverCode(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError ?? error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` is PostgreSQL refusing a value for its type (so the caller sent a bad argument). */
export function isDataException(error: unknown): boolean {
  return DATA_EXCEPTION.test(driverCode(error) ?? '');
}

/** The path of the first argument (or input field) holding `value`, e.g. `filter.organizerId`. */
function argumentHolding(args: unknown, value: string, path: string[] = []): string | null {
  if (args === value) return path.join('.');
  if (args === null || typeof args !== 'object') return null;
  for (const [key, inner] of Object.entries(args)) {
    const found = argumentHolding(inner, value, Array.isArray(args) ? [...path.slice(0, -1), `${path.at(-1)}[${key}]`] : [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * type-graphql's global middleware for every subgraph: a value PostgreSQL refuses for its column
 * type (an id that is no UUID, a date or an enum value in a string) is the caller's mistake, so it
 * becomes BAD_USER_INPUT naming the argument that carried it, never a database message.
 */
export const databaseInputErrors: MiddlewareFn = ({ args }, next) => {
  // Fields without arguments (most of them) pass straight through: nothing of the caller's reaches SQL there.
  if (!args || Object.keys(args).length === 0) return next();
  return next().catch((error: unknown) => {
    if (error instanceof GraphQLError || !isDataException(error)) throw error;
    const quoted = /: "([^"]*)"/.exec((error as Error).message)?.[1];
    const argument = (quoted !== undefined ? argumentHolding(args, quoted) : null) ?? Object.keys(args)[0];
    throw badInput(argument, 'is not a valid value for this argument');
  });
};
