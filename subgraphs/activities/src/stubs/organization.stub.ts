import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Organization is owned by the organizations subgraph; activities points at it and adds its activity figures. */
@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}
