import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Campaign is owned by the activities subgraph; volunteering points at it and adds its national volunteering figures. */
@Directive('@key(fields: "year")')
@ObjectType('Campaign', { description: ENTITY_DESCRIPTIONS.Campaign })
export class CampaignStub {
  @Field(() => Int, { description: ENTITY_DESCRIPTIONS['Campaign.year'] })
  year!: number;
}

/** Nothing to load: the national figures volunteering adds resolve from the key through batched loaders. */
export const campaignReference = { __resolveReference: (reference: { year: number }): CampaignStub => ({ year: Number(reference.year) }) };
