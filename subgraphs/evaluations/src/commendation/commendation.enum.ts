import { graphqlEnum } from '@kepuri/platform';

export const COMMENDATION_KINDS = ['ORGANIZATION', 'ACTIVITY'] as const;
export type CommendationKind = (typeof COMMENDATION_KINDS)[number];

export const CommendationKindEnum = graphqlEnum('CommendationKind', COMMENDATION_KINDS, '表扬类别 — what the host commends.', {
  ORGANIZATION: '工作扎实的组织单位 — an organising unit whose work was solid.',
  ACTIVITY: '特色鲜明、实效显著的活动 — a distinctive and effective activity.',
});
