import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Campaign is owned by the activities subgraph; evaluations points at it and adds its national evaluation figures. */
@Directive('@key(fields: "year")')
@ObjectType('Campaign', { description: ENTITY_DESCRIPTIONS.Campaign })
export class CampaignStub {
  @Field(() => Int, { description: ENTITY_DESCRIPTIONS['Campaign.year'] })
  year!: number;
}

/** Nothing to load: the national figures evaluations adds resolve from the key. */
export const campaignReference = { __resolveReference: (reference: { year: number }): CampaignStub => ({ year: Number(reference.year) }) };
