import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Activity is owned by the activities subgraph; volunteering adds who served it and for how long. */
@Directive('@key(fields: "id")')
@ObjectType('Activity')
export class VolunteeredActivity {
  @Field(() => ID)
  id!: string;
}
