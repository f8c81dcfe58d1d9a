import { ConnectionType } from '@kepuri/platform';
import { Assessment } from './assessment.entity';

export const AssessmentConnection = ConnectionType(Assessment, 'Assessment', {
  connection: '考核列表 — a page of assessments, best total first (Relay connection).',
  totalCount: '总数 — number of assessments in the campaign.',
  edges: '本页 — the assessments of this page.',
  edge: '考核列表项 — an assessment with its cursor.',
  node: '考核 — the assessment.',
});
