import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Region is owned by the organizations subgraph; volunteering points at it and adds its volunteering figures. */
@Directive('@key(fields: "code")')
@ObjectType('Region', { description: ENTITY_DESCRIPTIONS.Region })
export class RegionStub {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Region.code'] })
  code!: string;
}

/** Nothing to load: the figures volunteering adds resolve from the key through batched loaders. */
export const regionReference = { __resolveReference: (reference: { code: string }): RegionStub => ({ code: reference.code }) };
