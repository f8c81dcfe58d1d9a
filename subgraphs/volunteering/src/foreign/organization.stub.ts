import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';

/**
 * Organization is owned by the organizations subgraph; volunteering adds its volunteers and teams.
 * The key alone is enough: every field here resolves from the id through batched loaders.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: ENTITY_DESCRIPTIONS.Organization })
export class OrganizationStub {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Organization.id'] })
  id!: string;
}

/** Nothing to load: the fields volunteering adds resolve from the id through batched loaders. */
export const organizationReference = { __resolveReference: (reference: { id: string }): OrganizationStub => ({ id: reference.id }) };
