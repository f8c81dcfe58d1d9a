import { In, type DataSource, type Repository } from 'typeorm';
import { requireUser, hubError, type Identity, isUuid, type SubgraphRuntime } from '@kepuri/platform';
import { lookupFacts } from '../hub/lookups';
import { feedbackSnapshot, recordFeedbackChange } from '../stats/evaluation-stats.writer';
import { Feedback } from './feedback.entity';
import type { PostFeedbackArgs } from './feedback.input';

export interface ActivityRating {
  activityId: string;
  feedbackCount: number;
  ratingSum: number;
}

export interface UserFeedbackKey {
  activityId: string;
  userSub: string;
}

/** Ratings of the activities under one organisation (itself included) in one campaign. */
export interface SubtreeRating {
  year: number;
  organizationId: string;
  feedbackCount: number;
  averageRating: number | null;
}

/** Activities the public may rate: announced or held, not drafts or withdrawn ones. */
const RATEABLE: readonly string[] = ['REGISTERED', 'COMPLETED'];

export class FeedbackService {
  private readonly feedback: Repository<Feedback>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.feedback = dataSource.getRepository(Feedback);
  }

  byIds(ids: readonly string[]): Promise<Feedback[]> {
    return this.feedback.findBy({ id: In([...ids]) });
  }

  /** Many users' feedback on many activities in one statement. */
  async byUsers(keys: readonly UserFeedbackKey[]): Promise<Feedback[]> {
    if (keys.length === 0) return [];
    return this.feedback
      .createQueryBuilder('f')
      .where('(f.activity_id, f.user_sub) IN (SELECT * FROM unnest(CAST(:activityIds AS uuid[]), CAST(:userSubs AS varchar[])))', {
        activityIds: keys.map((key) => key.activityId),
        userSubs: keys.map((key) => key.userSub),
      })
      .getMany();
  }

  /** The maintained totals of many activities in one statement. */
  async ratingsByActivity(activityIds: readonly string[]): Promise<ActivityRating[]> {
    const rows: Array<{ activity_id: string; feedback_count: number; rating_sum: number }> = await this.dataSource.query(
      'SELECT activity_id, feedback_count, rating_sum FROM activity_ratings WHERE activity_id = ANY($1::uuid[])',
      [activityIds],
    );
    return rows.map((row) => ({ activityId: row.activity_id, feedbackCount: row.feedback_count, ratingSum: row.rating_sum }));
  }

  /**
   * Count and mean of the ratings of every activity organised by each organisation or anything
   * below it, per campaign, in one statement (from the organiser path stored with each rating).
   */
  async ratingsBySubtree(keys: ReadonlyArray<{ year: number; organizationId: string }>): Promise<SubtreeRating[]> {
    keys = keys.filter((key) => isUuid(key.organizationId));
    if (keys.length === 0) return [];
    const rows: Array<{ year: number; org: string; n: number; average: number | null }> = await this.dataSource.query(
      `SELECT k.year, k.org, count(f.id)::int AS n, avg(f.rating)::float AS average
         FROM unnest($1::int[], $2::uuid[]) AS k(year, org)
         LEFT JOIN feedback f ON f.campaign_year = k.year AND f.organizer_path @> ARRAY[k.org]
        GROUP BY k.year, k.org`,
      [keys.map((key) => key.year), keys.map((key) => key.organizationId)],
    );
    return rows.map((row) => ({ year: row.year, organizationId: row.org, feedbackCount: row.n, averageRating: row.average }));
  }

  /**
   * 反馈评价: a signed-in member of the public rates a registered or completed activity, once; a
   * repeat edits the same feedback. The activity's organiser path, region and campaign (learned
   * through the hub) are stored with it; the activity's totals and the figures follow within the
   * rollup applier's bound (see ARCHITECTURE.md, "Rollups applied in batches").
   */
  async post(args: PostFeedbackArgs, identity: Identity): Promise<Feedback> {
    const userSub = requireUser(identity, 'postFeedback');
    if (identity.role !== 'public') {
      throw hubError('FORBIDDEN', `postFeedback: feedback is the public's; the caller acts as ${identity.role}`);
    }
    const { activity } = await lookupFacts(this.runtime.hub, { activityId: args.activityId });
    if (!activity) throw hubError('NOT_FOUND', `activityId: no activity ${args.activityId}`, { field: 'activityId' });
    if (!RATEABLE.includes(activity.status)) {
      throw hubError('CONFLICT', `postFeedback: the activity is ${activity.status}; only ${RATEABLE.join(' or ')} activities take feedback`, {
        field: 'activityId', status: activity.status,
      });
    }
    const comment = args.comment === undefined ? undefined : args.comment?.trim() || null;
    const now = this.runtime.now();
    const snapshot = { organizerPath: activity.organizer.path, regionCode: activity.regionCode, campaignYear: activity.campaign.year };
    return this.dataSource.transaction(async (manager) => {
      // Only the user's own row is written (and, for an edit, locked): the totals, the figures and
      // feedbackPosted follow from the change recorded beside it, applied in batches.
      const fresh = manager.create(Feedback, {
        ...snapshot, activityId: args.activityId, userSub, rating: args.rating, comment: comment ?? null, createdAt: now, updatedAt: now,
      });
      const [created]: Array<{ id: string }> = await manager.query(
        `INSERT INTO feedback (activity_id, user_sub, rating, comment, created_at, updated_at, organizer_path, region_code, campaign_year)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) ON CONFLICT (activity_id, user_sub) DO NOTHING RETURNING id`,
        [args.activityId, userSub, args.rating, fresh.comment, now, snapshot.organizerPath, snapshot.regionCode, snapshot.campaignYear],
      );
      if (created) {
        fresh.id = created.id;
        await recordFeedbackChange(manager, null, fresh);
        return fresh;
      }
      const existing = await manager.findOneOrFail(Feedback, { where: { activityId: args.activityId, userSub }, lock: { mode: 'pessimistic_write' } });
      const before = feedbackSnapshot(existing);
      Object.assign(existing, snapshot, { rating: args.rating, comment: comment === undefined ? existing.comment : comment, updatedAt: now });
      const saved = await manager.save(existing);
      await recordFeedbackChange(manager, before, saved);
      return saved;
    });
  }
}
