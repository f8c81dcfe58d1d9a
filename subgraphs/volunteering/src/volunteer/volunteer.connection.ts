import { ConnectionType } from '@kepuri/platform';
import { Volunteer } from './volunteer.entity';

export const VolunteerConnection = ConnectionType(Volunteer, 'Volunteer', {
  connection: '志愿者列表 — a page of volunteers by name (Relay connection).',
  totalCount: '总数 — number of volunteers matching the filter.',
  edges: '本页 — the volunteers of this page.',
  edge: '志愿者列表项 — a volunteer with its cursor.',
  node: '志愿者 — the volunteer.',
});
