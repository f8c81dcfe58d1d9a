import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Region is owned by the organizations subgraph; evaluations adds its evaluation figures. */
@Directive('@key(fields: "code")')
@ObjectType('Region')
export class RegionRef {
  @Field(() => ID)
  code!: string;
}
