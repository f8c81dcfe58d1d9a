import { graphqlEnum } from '@kepuri/platform';

/** Levels of a 科技志愿服务 team, top down: a team sits exactly one level below its parent. */
export const TEAM_LEVELS = ['CORPS', 'DETACHMENT', 'BRIGADE', 'SQUAD'] as const;
export type TeamLevel = (typeof TEAM_LEVELS)[number];

export const TeamLevelEnum = graphqlEnum('VolunteerTeamLevel', TEAM_LEVELS, '队伍层级 — level of a volunteer team, top down.', {
  CORPS: '总队 — corps, the top level (no parent).',
  DETACHMENT: '支队 — detachment, directly below a corps.',
  BRIGADE: '大队 — brigade, directly below a detachment.',
  SQUAD: '分队 — squad, directly below a brigade.',
});

/** The level a team of `level` must have as its parent, or null for a corps. */
export function parentLevelOf(level: TeamLevel): TeamLevel | null {
  const index = TEAM_LEVELS.indexOf(level);
  return index === 0 ? null : TEAM_LEVELS[index - 1];
}
