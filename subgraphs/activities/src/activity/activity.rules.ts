import { badInput, chinaYear } from '@kepuri/platform';
import type { ActivityCategory, ActivityMode, ContentArea, JointAction, OnlineKind, VenueKind } from '@kepuri/domain';

/** An activity's description as it will be stored, after merging an input over what was there. */
export interface ActivityShape {
  title: string;
  regionCode: string;
  category: ActivityCategory;
  jointAction: JointAction | null;
  onlineKind: OnlineKind | null;
  contentAreas: ContentArea[];
  mode: ActivityMode;
  venueKind: VenueKind;
  onlineUrl: string | null;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  expectedParticipants: number;
}

/**
 * The notice's rules for one activity, each broken one named by its field:
 * the 3+1 architecture (a joint action names which of the ten; online activities name their form),
 * "如开展网络活动须提供活动网址" (an online part needs its URL), an offline part needs an address,
 * and the activity falls inside its campaign's year.
 */
export function checkActivityShape(activity: ActivityShape, campaignYear: number): void {
  if (activity.category === 'JOINT_ACTION' && !activity.jointAction) throw badInput('jointAction', 'is required for a JOINT_ACTION activity');
  if (activity.category !== 'JOINT_ACTION' && activity.jointAction) throw badInput('jointAction', `is only for JOINT_ACTION activities, not ${activity.category}`);
  if (activity.category === 'ONLINE' && !activity.onlineKind) throw badInput('onlineKind', 'is required for an ONLINE activity');
  if (activity.category === 'ONLINE' && activity.mode === 'OFFLINE') throw badInput('mode', 'an ONLINE activity cannot be OFFLINE');
  if (activity.category === 'CLOUD_LAUNCH' && activity.mode === 'OFFLINE') throw badInput('mode', 'the cloud launch is held online');
  if (activity.onlineKind && activity.mode === 'OFFLINE') throw badInput('onlineKind', 'an OFFLINE activity has no online form');
  if (activity.mode !== 'OFFLINE' && !activity.onlineUrl) throw badInput('onlineUrl', `is required for an ${activity.mode} activity`);
  if (activity.mode !== 'ONLINE' && !activity.address) throw badInput('address', `is required for an ${activity.mode} activity`);
  if (activity.mode === 'ONLINE' && activity.venueKind !== 'ONLINE') throw badInput('venueKind', 'an ONLINE activity has the venue ONLINE');
  if (activity.mode !== 'ONLINE' && activity.venueKind === 'ONLINE') throw badInput('venueKind', 'an activity with an offline part needs a physical venue kind');
  if (activity.contentAreas.length === 0) throw badInput('contentAreas', 'must name at least one content area');
  if (activity.endsAt <= activity.startsAt) throw badInput('endsAt', 'must be after startsAt');
  if (chinaYear(activity.startsAt) !== campaignYear) throw badInput('startsAt', `must be in ${campaignYear} (China time)`);
  if (chinaYear(activity.endsAt) !== campaignYear) throw badInput('endsAt', `must be in ${campaignYear} (China time)`);
}

const REQUIRED_ON_REGISTER = ['title', 'regionCode', 'category', 'contentAreas', 'mode', 'startsAt', 'endsAt', 'expectedParticipants'] as const;

/** A registration names every required field; a missing one is BAD_USER_INPUT naming it. */
export function requireFields(input: Partial<Record<(typeof REQUIRED_ON_REGISTER)[number], unknown>>): void {
  for (const field of REQUIRED_ON_REGISTER) {
    if (input[field] === undefined || input[field] === null) throw badInput(field, 'is required');
  }
}
