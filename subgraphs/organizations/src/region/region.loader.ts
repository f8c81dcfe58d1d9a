import DataLoader from 'dataloader';
import { byKey, groupByKey } from '@kepuri/platform';
import type { Region } from './region.entity';
import type { RegionService } from './region.service';

export function createRegionLoader(service: RegionService): DataLoader<string, Region | null> {
  return new DataLoader(async (codes) => byKey(codes, await service.byCodes(codes), (region) => region.code));
}

export function createRegionChildrenLoader(service: RegionService): DataLoader<string, Region[]> {
  return new DataLoader(async (codes) => groupByKey(codes, await service.childrenOf(codes), (region) => region.parentCode!));
}
