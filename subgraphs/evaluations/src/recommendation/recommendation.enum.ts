import { graphqlEnum } from '@kepuri/platform';

export const RECOMMENDATION_KINDS = ['EXCELLENT_ORGANIZATION', 'EXCELLENT_ACTIVITY'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const RecommendationKindEnum = graphqlEnum('RecommendationKind', RECOMMENDATION_KINDS, '推荐类别 — what is recommended.', {
  EXCELLENT_ORGANIZATION: '优秀组织单位 — an excellent organising unit.',
  EXCELLENT_ACTIVITY: '优秀活动 — an excellent activity.',
});

export const RECOMMENDATION_STATUSES = ['ACTIVE', 'WITHDRAWN'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const RecommendationStatusEnum = graphqlEnum('RecommendationStatus', RECOMMENDATION_STATUSES, '推荐状态 — whether a recommendation stands.', {
  ACTIVE: '有效 — standing.',
  WITHDRAWN: '已撤回 — withdrawn by its recommender before the deadline.',
});

/** Who may recommend (各全国学会、省级科协). */
export const RECOMMENDER_TYPES = ['NATIONAL_SOCIETY', 'PROVINCIAL_ASSOCIATION'] as const;
