import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsContext } from '../context';
import type { RegionLevel } from '@kepuri/domain';
import { RegionLevelEnum } from './region-level.enum';
import { Region } from './region.entity';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '地区 — one region by GB/T 2260 code, or null.' })
  region(@Arg('code', () => ID, { description: '区划代码 — GB/T 2260 code.' }) code: string, @Ctx() context: OrganizationsContext) {
    return context.loaders.region.load(code);
  }

  @Query(() => [Region], { description: '地区列表 — regions, optionally of one level, by code.' })
  regions(
    @Arg('level', () => RegionLevelEnum, { nullable: true, description: '级别 — only this level.' }) level: RegionLevel | undefined,
    @Ctx() context: OrganizationsContext,
  ) {
    return context.services.regions.list(level ?? undefined);
  }

  @FieldResolver(() => Region, { nullable: true, description: '上级地区 — the region above, null for a province.' })
  parent(@Root() region: Region, @Ctx() context: OrganizationsContext) {
    return region.parentCode ? context.loaders.region.load(region.parentCode) : null;
  }

  @FieldResolver(() => [Region], { description: '下级地区 — the regions directly below.' })
  children(@Root() region: Region, @Ctx() context: OrganizationsContext) {
    return context.loaders.regionChildren.load(region.code);
  }
}
