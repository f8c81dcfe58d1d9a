import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Region is owned by the organizations subgraph; activities points at it and adds its activity figures. */
@Directive('@key(fields: "code")')
@ObjectType('Region', { description: ENTITY_DESCRIPTIONS.Region })
export class RegionStub {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Region.code'] })
  code!: string;
}

/** Nothing to load: the figures activities adds resolve from the key. */
export const regionReference = { __resolveReference: (reference: { code: string }): RegionStub => ({ code: reference.code }) };
