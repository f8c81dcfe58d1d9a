import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Activity is owned by the activities subgraph; evaluations adds the public's ratings. */
@Directive('@key(fields: "id")')
@ObjectType('Activity', { description: ENTITY_DESCRIPTIONS.Activity })
export class ActivityStub {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Activity.id'] })
  id!: string;
}

/** Nothing to load: the fields evaluations adds resolve from the id through batched loaders. */
export const activityReference = { __resolveReference: (reference: { id: string }): ActivityStub => ({ id: reference.id }) };
