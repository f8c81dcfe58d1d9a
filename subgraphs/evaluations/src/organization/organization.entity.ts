import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Organization is owned by the organizations subgraph; evaluations adds its work summary,
 * recommendations and assessment.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class EvaluatedOrganization {
  @Field(() => ID)
  id!: string;
}
