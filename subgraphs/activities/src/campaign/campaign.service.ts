import type { DataSource, Repository } from 'typeorm';
import { In } from 'typeorm';
import { Campaign } from './campaign.entity';

export class CampaignService {
  private readonly campaigns: Repository<Campaign>;

  constructor(dataSource: DataSource) {
    this.campaigns = dataSource.getRepository(Campaign);
  }

  list(): Promise<Campaign[]> {
    return this.campaigns.find({ order: { year: 'DESC' } });
  }

  byYears(years: readonly number[]): Promise<Campaign[]> {
    return this.campaigns.findBy({ year: In([...years]) });
  }
}
