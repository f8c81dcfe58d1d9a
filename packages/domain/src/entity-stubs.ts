import { Directive, Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';
import { ENTITY_DESCRIPTIONS } from './descriptions';

/** The entities subgraphs point at and extend without owning them, by their keys. */
interface StubKeys {
  Activity: { id: string };
  Campaign: { year: number };
  Organization: { id: string };
  Region: { code: string };
}
type StubbedEntity = keyof StubKeys;

const KEYS: { readonly [E in StubbedEntity]: readonly [key: keyof StubKeys[E] & string, type: typeof ID | typeof Int] } = {
  Activity: ['id', ID],
  Campaign: ['year', Int],
  Organization: ['id', ID],
  Region: ['code', ID],
};

/**
 * A key-only type of an entity another subgraph owns, for a subgraph to point at it and add its
 * own fields to it, with its reference resolver: nothing to load, the key is all. Call it once per
 * subgraph: type-graphql keeps one registry, and one subgraph's fields must not show in another's.
 */
export function entityStub<E extends StubbedEntity>(entity: E): {
  Stub: ClassType<StubKeys[E]>;
  reference: { __resolveReference: (reference: StubKeys[E]) => StubKeys[E] };
} {
  const [key, type] = KEYS[entity];
  class Stub {}
  const keyDescription = ENTITY_DESCRIPTIONS[`${entity}.${key}` as keyof typeof ENTITY_DESCRIPTIONS];
  Field(() => type, { description: keyDescription })(Stub.prototype, key);
  Directive(`@key(fields: "${key}")`)(Stub);
  // What a subgraph adds to another's entity is mostly its figures (counts, ratings, hours): the scalars
  // it adds are as fresh as stats; fields returning other types take those types' hints.
  CacheHint('stats')(Stub);
  ObjectType(entity, { description: ENTITY_DESCRIPTIONS[entity] })(Stub);
  // Representations arrive as JSON: an Int key is coerced, so loaders keyed by it agree.
  const keyOf = (value: unknown) => (type === Int ? Number(value) : String(value));
  return {
    Stub: Stub as ClassType<StubKeys[E]>,
    reference: { __resolveReference: (reference) => ({ [key]: keyOf(reference[key]) }) as StubKeys[E] },
  };
}
