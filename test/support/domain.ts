import { DAY_MS, HOUR_MS, chinaDayStart, chinaYear } from '@kepuri/platform';
import { orgId, provincialAssociationName, cityAssociationName, scienceMuseumName } from '@kepuri/seed';
import type { TestHub } from './hub';

/** Seeded organisations (ids derive from names, see reference-data.ts). */
export const ORG = {
  host: orgId('中国科学技术协会'),
  hubei: orgId(provincialAssociationName('湖北省')),
  hunan: orgId(provincialAssociationName('湖南省')),
  wuhan: orgId(cityAssociationName('武汉市')),
  hubeiMuseum: orgId(scienceMuseumName('湖北')),
  physics: orgId('中国物理学会'),
};

/** The current year in China time, and a start/end inside it around now (clamped at the year's edges). */
export function currentYearWindow(now = new Date()): { year: number; startsAt: string; endsAt: string } {
  const year = chinaYear(now);
  const yearStart = chinaDayStart(`${year}-01-01`).getTime();
  const yearEnd = chinaDayStart(`${year + 1}-01-01`).getTime();
  const startsAt = Math.max(now.getTime() - 2 * HOUR_MS, yearStart + 60_000);
  const endsAt = Math.min(now.getTime() + 2 * HOUR_MS, yearEnd - 60_000);
  return { year, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}

/** GraphQL errors' codes and fields, for assertions. */
export function errorOf(result: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) {
  const error = result.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message ?? '' };
}

/** Moves a campaign's windows relative to now, through the host's own mutation. */
export async function setCampaignCalendar(
  hub: TestHub,
  year: number,
  offsetsInDays: { registrationOpens: number; registrationCloses: number; infoCompletion: number; summary: number; recommendation: number },
): Promise<void> {
  const at = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
  const admin = await hub.token({ role: 'admin' });
  const result = await hub.query(
    `mutation($input: SaveCampaignInput!) { saveCampaign(input: $input) { year } }`,
    {
      input: {
        year,
        theme: `测试年度 ${year}`,
        concentratedStartsAt: at(-3),
        concentratedEndsAt: at(4),
        registrationOpensAt: at(offsetsInDays.registrationOpens),
        registrationClosesAt: at(offsetsInDays.registrationCloses),
        infoCompletionDeadline: at(offsetsInDays.infoCompletion),
        summaryDeadline: at(offsetsInDays.summary),
        recommendationDeadline: at(offsetsInDays.recommendation),
      },
    },
    admin,
  );
  if (result.errors) throw new Error(`saveCampaign failed: ${JSON.stringify(result.errors)}`);
}
