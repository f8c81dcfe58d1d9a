import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Region is owned by the organizations subgraph; volunteering points at it and adds its volunteering figures. */
@Directive('@key(fields: "code")')
@ObjectType('Region')
export class RegionRef {
  @Field(() => ID)
  code!: string;
}
