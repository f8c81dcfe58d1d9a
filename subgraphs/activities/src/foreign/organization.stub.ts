import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/** Organization is owned by the organizations subgraph; activities points at it and adds its activity figures. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: ENTITY_DESCRIPTIONS.Organization })
export class OrganizationStub {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Organization.id'] })
  id!: string;
}

/** Nothing to load: the figures activities adds resolve from the key. */
export const organizationReference = { __resolveReference: (reference: { id: string }): OrganizationStub => ({ id: reference.id }) };
