import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** Campaign is owned by the activities subgraph; evaluations points at it and adds its national evaluation figures. */
@Directive('@key(fields: "year")')
@ObjectType('Campaign')
export class CampaignRef {
  @Field(() => Int)
  year!: number;
}
