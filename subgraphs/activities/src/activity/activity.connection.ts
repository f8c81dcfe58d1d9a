import { ConnectionType } from '@kepuri/platform';
import { Activity } from './activity.entity';

export const ActivityConnection = ConnectionType(Activity, 'Activity', {
  connection: '活动列表 — a page of activities (Relay connection).',
  totalCount: '总数 — number of activities matching the filter.',
  edges: '本页 — the activities of this page.',
  edge: '活动列表项 — an activity with its cursor.',
  node: '活动 — the activity.',
});
