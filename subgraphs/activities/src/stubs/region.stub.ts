import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Region is owned by the organizations subgraph; activities points at it and adds its activity figures. */
@Directive('@key(fields: "code")')
@ObjectType('Region')
export class RegionRef {
  @Field(() => ID)
  code!: string;
}
