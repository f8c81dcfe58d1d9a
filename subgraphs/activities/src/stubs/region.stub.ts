import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Region is owned by the organizations subgraph; here only its key, to point at it. */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('Region')
export class RegionRef {
  @Field(() => ID)
  code!: string;
}
