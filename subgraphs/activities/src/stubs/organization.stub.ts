import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Organization is owned by the organizations subgraph; here only its key, to point at it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Organization')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}
