import { In, type DataSource, type Repository } from 'typeorm';
import type { RegionLevel } from '@kepuri/domain';
import { Region } from './region.entity';

export class RegionService {
  private readonly regions: Repository<Region>;

  constructor(dataSource: DataSource) {
    this.regions = dataSource.getRepository(Region);
  }

  list(level?: RegionLevel): Promise<Region[]> {
    return this.regions.find({ where: level ? { level } : {}, order: { code: 'ASC' } });
  }

  byCodes(codes: readonly string[]): Promise<Region[]> {
    return this.regions.findBy({ code: In([...codes]) });
  }

  childrenOf(codes: readonly string[]): Promise<Region[]> {
    return this.regions.find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } });
  }
}
