import { In, type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  mayManage, requireManage, requireRole, isUniqueViolation, badInput, hubError, type Identity, containsPattern,
  keysetPage, type Connection, type SubgraphRuntime,
} from '@kepuri/platform';
import { cityOf, lookupOrganization, provinceOf, regionLevel } from '@kepuri/domain';
import { Campaign } from '../campaign/campaign.entity';
import { requireInfoCompletionOpen, requireRegistrationOpen } from '../campaign/campaign.rules';
import type { ActivityFilter, CompleteActivityInfoInput, RegisterActivityInput, UpdateActivityInput } from './activity.input';
import { checkActivityShape, requireFields, type ActivityShape } from './activity.rules';
import { recordActivityChange, statsSnapshot } from '../stats/activity-stats.writer';
import { isCounted } from '../stats/activity-stats.rows';
import { emitActivityRegistered } from '../events';
import { Activity } from './activity.entity';

/** The activity's row of check-in counts: created with it, and told where it is and whether it is ranked. */
async function keepCheckInCount(manager: EntityManager, activity: Activity, write: 'insert' | 'update'): Promise<void> {
  const values = [activity.id, activity.campaignYear, activity.provinceCode, isCounted(activity)];
  await manager.query(write === 'insert'
    ? 'INSERT INTO activity_check_in_counts (activity_id, campaign_year, province_code, counted) VALUES ($1, $2, $3, $4)'
    : 'UPDATE activity_check_in_counts SET campaign_year = $2, province_code = $3, counted = $4 WHERE activity_id = $1', values);
}

/** What activityRegistered carries: the key, and where the activity is for the region filter. */
function registeredKey(activity: Activity) {
  return { id: activity.id, status: activity.status, regionCode: activity.regionCode, cityCode: activity.cityCode, provinceCode: activity.provinceCode };
}

export class ActivityService {
  private readonly activities: Repository<Activity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.activities = dataSource.getRepository(Activity);
  }

  byIds(ids: readonly string[]): Promise<Activity[]> {
    return this.activities.findBy({ id: In([...ids]) });
  }

  /** A page ordered by (startsAt, id), plus the total: two statements whatever the page size. */
  list(filter: ActivityFilter, first: number, after: string | undefined, identity: Identity): Promise<Connection<Activity>> {
    return keysetPage(this.filtered(filter, identity), ['startsAt', 'id'], (a) => [a.startsAt.toISOString(), a.id], first, after);
  }

  /** The counted activities with the most check-ins, read through a partial index on the kept counts. */
  topByCheckIns(campaign: number, provinceCode: string | null, first: number): Promise<Activity[]> {
    const query = this.activities.createQueryBuilder('a')
      .innerJoin('activity_check_in_counts', 'c', 'c.activity_id = a.id')
      .where('c.campaign_year = :campaign', { campaign })
      .andWhere('c.counted')
      .orderBy('c.check_in_count', 'DESC').addOrderBy('c.activity_id', 'ASC').limit(first);
    if (provinceCode) query.andWhere('c.province_code = :provinceCode', { provinceCode });
    return query.getMany();
  }

  /** Drafts are their organisers' own business: only those who may manage one (and subgraphs' lookups) see it. */
  visibleTo(activity: Activity | null, identity: Identity): Activity | null {
    const visible = activity && (activity.status !== 'DRAFT' || identity.role === 'service' || mayManage(identity, activity.organizerPath));
    return visible ? activity : null;
  }

  private filtered(filter: ActivityFilter, identity: Identity): SelectQueryBuilder<Activity> {
    const query = this.activities.createQueryBuilder('a');
    if (identity.role === 'organizer' && identity.org) {
      query.andWhere(`(a.status <> 'DRAFT' OR a.organizerId = :callerOrg)`, { callerOrg: identity.org });
    } else if (identity.role === 'supervisor' && identity.org) {
      query.andWhere(`(a.status <> 'DRAFT' OR a.organizerPath @> ARRAY[:callerOrg]::uuid[])`, { callerOrg: identity.org });
    } else if (identity.role !== 'admin') {
      query.andWhere(`a.status <> 'DRAFT'`);
    }
    if (filter.campaign !== undefined) query.andWhere('a.campaignYear = :campaign', { campaign: filter.campaign });
    if (filter.regionCode !== undefined) {
      const column = { PROVINCE: 'a.provinceCode', CITY: 'a.cityCode', COUNTY: 'a.regionCode' }[regionLevel(filter.regionCode)];
      query.andWhere(`${column} = :regionCode`, { regionCode: filter.regionCode });
    }
    if (filter.organizerId !== undefined) {
      if (filter.includeSubordinates) query.andWhere('a.organizerPath @> ARRAY[:organizerId]::uuid[]', { organizerId: filter.organizerId });
      else query.andWhere('a.organizerId = :organizerId', { organizerId: filter.organizerId });
    } else if (filter.includeSubordinates) {
      throw badInput('includeSubordinates', 'goes with organizerId');
    }
    if (filter.contentArea !== undefined) query.andWhere('a.contentAreas @> ARRAY[:contentArea]::varchar[]', { contentArea: filter.contentArea });
    if (filter.onlineKind !== undefined) query.andWhere('a.onlineKind = :onlineKind', { onlineKind: filter.onlineKind });
    if (filter.from !== undefined) query.andWhere('a.endsAt >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('a.startsAt < :to', { to: filter.to });
    if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) throw badInput('to', 'must be after from');
    if (filter.category !== undefined) query.andWhere('a.category = :category', { category: filter.category });
    if (filter.jointAction !== undefined) query.andWhere('a.jointAction = :jointAction', { jointAction: filter.jointAction });
    if (filter.mode !== undefined) query.andWhere('a.mode = :mode', { mode: filter.mode });
    if (filter.status !== undefined) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.keyword !== undefined) {
      query.andWhere('(a.title ILIKE :keyword OR a.description ILIKE :keyword)', { keyword: containsPattern(filter.keyword) });
      // The keyword's two-character pieces among those stored for title + description: a GIN index
      // (migration KeywordBigrams) where pg_trgm has none for two-character words; the ILIKE decides.
      if ([...filter.keyword].length >= 2) {
        query.andWhere('a.keyword_bigrams @> activity_keyword_bigrams(:keywordText)', { keywordText: filter.keyword });
      }
    }
    return query;
  }

  /**
   * 登记填报: an organiser (or a supervisor above it, or the host) registers an activity inside
   * the campaign's registration window; the campaign's label is applied. With `draft` it is kept
   * as DRAFT and registered later by submitActivity.
   */
  async register(input: RegisterActivityInput, identity: Identity): Promise<Activity> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'registerActivity');
    requireFields(input);
    const organizerId = input.organizerId ?? identity.org;
    if (!organizerId) throw badInput('organizerId', 'is required when the caller acts for no organisation');
    const campaign = await this.campaign(input.campaign);
    const now = this.runtime.now();
    if (input.draft) {
      if (now >= campaign.registrationClosesAt) requireRegistrationOpen(campaign, now, 'registerActivity');
    } else {
      requireRegistrationOpen(campaign, now, 'registerActivity');
    }
    const { organization: organizer, regionExists } = await lookupOrganization(this.runtime.hub, organizerId, input.regionCode!);
    if (!organizer) throw hubError('NOT_FOUND', `organizerId: no organisation ${organizerId}`, { field: 'organizerId' });
    requireManage(identity, organizer.path, 'registerActivity');
    if (!regionExists) throw badInput('regionCode', `no region ${input.regionCode}`);
    const shape = this.shapeOf(input);
    checkActivityShape(shape, campaign.year);
    this.checkCategoryRights(shape, identity, organizer.type);
    return this.writeUnique(async (manager) => {
      const activity = manager.create(Activity, {
        ...shape,
        description: input.description ?? '',
        campaignYear: campaign.year,
        label: campaign.label,
        organizerId,
        organizerPath: organizer.path,
        provinceCode: provinceOf(shape.regionCode),
        cityCode: cityOf(shape.regionCode),
        status: input.draft ? 'DRAFT' : 'REGISTERED',
        registeredAt: input.draft ? null : now,
        createdBy: identity.sub ?? null,
        checkInCount: 0,
        imageUrls: [],
        videoUrls: [],
        newsLinks: [],
      });
      const saved = await manager.save(activity);
      await keepCheckInCount(manager, saved, 'insert');
      await recordActivityChange(manager, saved.id, null, saved);
      await emitActivityRegistered(manager, registeredKey(saved));
      return saved;
    });
  }

  /** Changes a DRAFT or REGISTERED activity until registration closes, under the same rules. */
  async update(id: string, input: UpdateActivityInput, identity: Identity): Promise<Activity> {
    return this.change(id, identity, 'updateActivity', async (activity, campaign, manager) => {
      this.requireStatus(activity, ['DRAFT', 'REGISTERED'], 'updateActivity');
      const now = this.runtime.now();
      if (now >= campaign.registrationClosesAt) requireRegistrationOpen(campaign, now, 'updateActivity');
      if (input.regionCode !== undefined && input.regionCode !== activity.regionCode) {
        const { regionExists } = await lookupOrganization(this.runtime.hub, activity.organizerId, input.regionCode);
        if (!regionExists) throw badInput('regionCode', `no region ${input.regionCode}`);
      }
      const shape = this.shapeOf(input, activity);
      checkActivityShape(shape, campaign.year);
      this.checkCategoryRights(shape, identity, null, activity);
      Object.assign(activity, shape, {
        description: input.description ?? activity.description,
        provinceCode: provinceOf(shape.regionCode),
        cityCode: cityOf(shape.regionCode),
        updatedAt: now,
      });
      return manager.save(activity);
    });
  }

  /** DRAFT → REGISTERED, inside the registration window. */
  async submit(id: string, identity: Identity): Promise<Activity> {
    return this.change(id, identity, 'submitActivity', async (activity, campaign, manager) => {
      this.requireStatus(activity, ['DRAFT'], 'submitActivity');
      const now = this.runtime.now();
      requireRegistrationOpen(campaign, now, 'submitActivity');
      Object.assign(activity, { status: 'REGISTERED', registeredAt: now, updatedAt: now });
      const saved = await manager.save(activity);
      await emitActivityRegistered(manager, registeredKey(saved));
      return saved;
    });
  }

  /**
   * 信息完善: results, photos, videos and news links after the activity has started, until the
   * info-completion deadline; the activity becomes COMPLETED (and may be completed again until then).
   */
  async complete(id: string, input: CompleteActivityInfoInput, identity: Identity): Promise<Activity> {
    return this.change(id, identity, 'completeActivityInfo', async (activity, campaign, manager) => {
      this.requireStatus(activity, ['REGISTERED', 'COMPLETED'], 'completeActivityInfo');
      const now = this.runtime.now();
      requireInfoCompletionOpen(campaign, now, 'completeActivityInfo');
      if (now < activity.startsAt) {
        throw hubError('CONFLICT', `completeActivityInfo: the activity starts at ${activity.startsAt.toISOString()}; results come after it`, { field: 'id' });
      }
      const onlineUrl = input.onlineUrl ?? activity.onlineUrl;
      if (activity.mode !== 'OFFLINE' && !onlineUrl) throw badInput('onlineUrl', 'an activity with an online part must give its URL');
      Object.assign(activity, {
        actualParticipants: input.actualParticipants ?? activity.actualParticipants,
        onlineViews: input.onlineViews ?? activity.onlineViews,
        imageUrls: input.imageUrls ?? activity.imageUrls,
        videoUrls: input.videoUrls ?? activity.videoUrls,
        newsLinks: input.newsLinks ?? activity.newsLinks,
        onlineUrl,
        status: 'COMPLETED',
        infoCompletedAt: now,
        updatedAt: now,
      });
      return manager.save(activity);
    });
  }

  /** DRAFT or REGISTERED → WITHDRAWN, until the info-completion deadline. */
  async withdraw(id: string, reason: string | undefined, identity: Identity): Promise<Activity> {
    return this.change(id, identity, 'withdrawActivity', async (activity, campaign, manager) => {
      this.requireStatus(activity, ['DRAFT', 'REGISTERED'], 'withdrawActivity');
      const now = this.runtime.now();
      requireInfoCompletionOpen(campaign, now, 'withdrawActivity');
      Object.assign(activity, { status: 'WITHDRAWN', withdrawnAt: now, withdrawReason: reason ?? null, updatedAt: now });
      return manager.save(activity);
    });
  }

  private async campaign(year: number, manager: EntityManager = this.dataSource.manager): Promise<Campaign> {
    const campaign = await manager.findOneBy(Campaign, { year });
    if (!campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${year}`, { field: 'campaign' });
    return campaign;
  }

  /**
   * Loads and locks the activity, checks the caller may manage its organiser, applies `apply`, in
   * one transaction. Its check-in count row is locked too: the rollup applier counts check-ins
   * under that lock, so the count this change moves between scopes is exactly what it has folded.
   */
  private change(
    id: string,
    identity: Identity,
    action: string,
    apply: (activity: Activity, campaign: Campaign, manager: EntityManager) => Promise<Activity>,
  ): Promise<Activity> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], action);
    return this.writeUnique(async (manager) => {
      const activity = await manager.findOne(Activity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!activity) throw hubError('NOT_FOUND', `id: no activity ${id}`, { field: 'id' });
      requireManage(identity, activity.organizerPath, action);
      const [counted]: Array<{ n: number }> = await manager.query(
        'SELECT check_in_count AS n FROM activity_check_in_counts WHERE activity_id = $1 FOR UPDATE', [id]);
      activity.checkInCount = counted.n;
      const before = statsSnapshot(activity);
      const saved = await apply(activity, await this.campaign(activity.campaignYear, manager), manager);
      await keepCheckInCount(manager, saved, 'update');
      await recordActivityChange(manager, saved.id, before, saved);
      return saved;
    });
  }

  /** A transaction whose unique-index violations become CONFLICT naming the rule. */
  private async writeUnique(work: (manager: EntityManager) => Promise<Activity>): Promise<Activity> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'activities_one_main_venue')) {
        throw hubError('CONFLICT', 'category: this province already has its provincial main venue (一省一策一特色) in this campaign', { field: 'category' });
      }
      if (isUniqueViolation(error, 'activities_one_cloud_launch')) {
        throw hubError('CONFLICT', 'category: this campaign already has its cloud launch ceremony', { field: 'category' });
      }
      throw error;
    }
  }

  private requireStatus(activity: Activity, allowed: readonly Activity['status'][], action: string): void {
    if (!allowed.includes(activity.status)) {
      throw hubError('CONFLICT', `${action}: the activity is ${activity.status}; this needs ${allowed.join(' or ')}`, { field: 'status', status: activity.status });
    }
  }

  /** Only the host registers the cloud launch; a provincial main venue is its provincial association's. */
  private checkCategoryRights(shape: ActivityShape, identity: Identity, organizerType: string | null, existing?: Activity): void {
    if (shape.category === 'CLOUD_LAUNCH' && existing?.category !== 'CLOUD_LAUNCH' && identity.role !== 'admin') {
      throw hubError('FORBIDDEN', 'category: only the host registers the cloud launch ceremony', { field: 'category' });
    }
    if (shape.category === 'PROVINCIAL_MAIN_VENUE' && existing?.category !== 'PROVINCIAL_MAIN_VENUE'
      && organizerType !== null && organizerType !== 'PROVINCIAL_ASSOCIATION' && organizerType !== 'HOST') {
      throw badInput('category', 'a provincial main venue is organised by a provincial association');
    }
    if (shape.category === 'PROVINCIAL_MAIN_VENUE' && existing && existing.category !== 'PROVINCIAL_MAIN_VENUE') {
      throw badInput('category', 'an activity cannot become a provincial main venue; register one');
    }
  }

  /** The stored description after applying `input` over `existing` (or over nothing, on registration). */
  private shapeOf(input: Partial<ActivityShape>, existing?: Activity): ActivityShape {
    const pick = <K extends keyof ActivityShape>(key: K): ActivityShape[K] =>
      (input[key] !== undefined ? input[key] : existing?.[key]) as ActivityShape[K];
    const mode = pick('mode');
    const venueKind = pick('venueKind') ?? (mode === 'ONLINE' ? 'ONLINE' : undefined);
    if (!venueKind) throw badInput('venueKind', 'is required for an activity with an offline part');
    return {
      title: pick('title'),
      regionCode: pick('regionCode'),
      category: pick('category'),
      jointAction: pick('jointAction') ?? null,
      onlineKind: pick('onlineKind') ?? null,
      contentAreas: pick('contentAreas'),
      mode,
      venueKind,
      onlineUrl: pick('onlineUrl') ?? null,
      address: pick('address') ?? null,
      startsAt: pick('startsAt'),
      endsAt: pick('endsAt'),
      expectedParticipants: pick('expectedParticipants'),
    };
  }
}
