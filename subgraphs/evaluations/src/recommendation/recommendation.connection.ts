import { ConnectionType } from '@kepuri/platform';
import { Recommendation } from './recommendation.entity';

export const RecommendationConnection = ConnectionType(Recommendation, 'Recommendation', {
  connection: '推荐列表 — a page of recommendations (Relay connection).',
  totalCount: '总数 — number of recommendations matching.',
  edges: '本页 — the recommendations of this page.',
  edge: '推荐列表项 — a recommendation with its cursor.',
  node: '推荐 — the recommendation.',
});
