import type { DataSource, Repository } from 'typeorm';
import { In } from 'typeorm';
import { requireRole, type Identity } from '@kepuri/platform';
import { Campaign } from './campaign.entity';
import type { SaveCampaignInput } from './campaign.input';
import { checkCampaignCalendar } from './campaign.rules';

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

  /** The host publishes (or corrects) a year's notice: theme, windows and deadlines. */
  async save(input: SaveCampaignInput, identity: Identity): Promise<Campaign> {
    requireRole(identity, ['admin'], 'saveCampaign');
    checkCampaignCalendar(input);
    const campaign = this.campaigns.create({
      ...input,
      label: input.label ?? `${input.year}年全国科普日活动`,
      isDemo: input.isDemo ?? false,
    });
    return this.campaigns.save(campaign);
  }
}
