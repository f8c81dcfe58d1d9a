import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Activity is owned by the activities subgraph; evaluations adds the public's ratings. */
@Directive('@key(fields: "id")')
@ObjectType('Activity')
export class EvaluatedActivity {
  @Field(() => ID)
  id!: string;
}
