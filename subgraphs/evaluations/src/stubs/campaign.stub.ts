import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** Campaign is owned by the activities subgraph; here only its key, to point at it. */
@Directive('@key(fields: "year", resolvable: false)')
@ObjectType('Campaign')
export class CampaignRef {
  @Field(() => Int)
  year!: number;
}
