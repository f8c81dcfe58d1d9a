import { badInput, deadlinePassed } from '@kepuri/platform';
import type { Campaign } from './campaign.entity';

type Windows = Pick<Campaign, 'concentratedStartsAt' | 'concentratedEndsAt' | 'registrationOpensAt' | 'registrationClosesAt'
  | 'infoCompletionDeadline' | 'summaryDeadline' | 'recommendationDeadline'>;

/** The order the notice's calendar follows: each window opens before it closes, deadlines in sequence. */
export function checkCampaignCalendar(campaign: Windows): void {
  if (campaign.concentratedStartsAt >= campaign.concentratedEndsAt) throw badInput('concentratedEndsAt', 'must be after concentratedStartsAt');
  if (campaign.registrationOpensAt >= campaign.registrationClosesAt) throw badInput('registrationClosesAt', 'must be after registrationOpensAt');
  if (campaign.infoCompletionDeadline < campaign.registrationClosesAt) throw badInput('infoCompletionDeadline', 'must not be before registrationClosesAt');
  if (campaign.summaryDeadline < campaign.infoCompletionDeadline) throw badInput('summaryDeadline', 'must not be before infoCompletionDeadline');
  if (campaign.recommendationDeadline < campaign.summaryDeadline) throw badInput('recommendationDeadline', 'must not be before summaryDeadline');
}

/** Registration (登记填报) is open from registrationOpensAt until registrationClosesAt (exclusive). */
export function requireRegistrationOpen(campaign: Campaign, now: Date, what: string): void {
  if (now < campaign.registrationOpensAt) {
    throw badInput('campaign', `registration for ${campaign.year} opens at ${campaign.registrationOpensAt.toISOString()}`);
  }
  if (now >= campaign.registrationClosesAt) throw deadlinePassed('registration deadline', campaign.registrationClosesAt, what);
}

/** Results and media (信息完善) are accepted until infoCompletionDeadline (exclusive). */
export function requireInfoCompletionOpen(campaign: Campaign, now: Date, what: string): void {
  if (now >= campaign.infoCompletionDeadline) throw deadlinePassed('info-completion deadline', campaign.infoCompletionDeadline, what);
}
