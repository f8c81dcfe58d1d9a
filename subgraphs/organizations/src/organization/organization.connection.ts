import { ConnectionType } from '@kepuri/platform';
import { Organization } from './organization.entity';

export const OrganizationConnection = ConnectionType(Organization, 'Organization', {
  connection: '单位列表 — a page of organisations (Relay connection).',
  totalCount: '总数 — number of organisations matching the filter.',
  edges: '本页 — the organisations of this page.',
  edge: '单位列表项 — an organisation with its cursor.',
  node: '单位 — the organisation.',
});
