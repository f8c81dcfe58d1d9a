import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** Campaign is owned by the activities subgraph; volunteering points at it and adds its national volunteering figures. */
@Directive('@key(fields: "year")')
@ObjectType('Campaign')
export class CampaignRef {
  @Field(() => Int)
  year!: number;
}
