import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { VolunteeringContext } from '../context';
import { badInput, isUuid, DEFAULT_PAGE_SIZE, PageArgs, decodeCursor } from '@kepuri/platform';
import { VolunteerTeam } from '../team/team.entity';
import { VolunteerConnection } from '../volunteer/volunteer.connection';
import { OrganizationStub } from './organization.stub';

@Resolver(() => OrganizationStub)
export class OrganizationVolunteeringResolver {
  @FieldResolver(() => VolunteerConnection, { nullable: true, description: '志愿者 — the organisation\'s volunteers by name; with includeSubordinates also those of every organisation below it.' })
  volunteers(
    @Root() organization: OrganizationStub,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('includeSubordinates', () => Boolean, { defaultValue: false, description: '含下级单位 — also the volunteers of every organisation below it.' })
    includeSubordinates: boolean,
    @Ctx() context: VolunteeringContext,
  ) {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!isUuid(organization.id)) return { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const cursor = after ? (decodeCursor(after, 2) as [string, string]) : null;
    if (cursor && (typeof cursor[0] !== 'string' || !isUuid(String(cursor[1])))) throw badInput('after', 'is not a cursor this connection issued');
    return context.loaders.organizationVolunteers.load({ organizationId: organization.id, includeSubordinates, first: size, after: cursor });
  }

  @FieldResolver(() => [VolunteerTeam], { nullable: true, description: '志愿服务队伍 — the organisation\'s own volunteer teams, by name.' })
  volunteerTeams(@Root() organization: OrganizationStub, @Ctx() context: VolunteeringContext) {
    return isUuid(organization.id) ? context.loaders.organizationTeams.load(organization.id) : [];
  }
}
