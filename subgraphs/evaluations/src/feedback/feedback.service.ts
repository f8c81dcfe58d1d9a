import { In, type DataSource, type Repository } from 'typeorm';
import { Feedback } from './feedback.entity';

export interface ActivityRating {
  activityId: string;
  feedbackCount: number;
  ratingSum: number;
}

export class FeedbackService {
  private readonly feedback: Repository<Feedback>;

  constructor(private readonly dataSource: DataSource) {
    this.feedback = dataSource.getRepository(Feedback);
  }

  byIds(ids: readonly string[]): Promise<Feedback[]> {
    return this.feedback.findBy({ id: In([...ids]) });
  }

  /** The maintained totals of many activities in one statement. */
  async ratingsByActivity(activityIds: readonly string[]): Promise<ActivityRating[]> {
    const rows: Array<{ activity_id: string; feedback_count: number; rating_sum: number }> = await this.dataSource.query(
      'SELECT activity_id, feedback_count, rating_sum FROM activity_ratings WHERE activity_id = ANY($1::uuid[])',
      [activityIds],
    );
    return rows.map((row) => ({ activityId: row.activity_id, feedbackCount: row.feedback_count, ratingSum: row.rating_sum }));
  }
}
