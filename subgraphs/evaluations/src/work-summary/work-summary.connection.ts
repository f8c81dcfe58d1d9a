import { ConnectionType } from '@kepuri/platform';
import { WorkSummary } from './work-summary.entity';

export const WorkSummaryConnection = ConnectionType(WorkSummary, 'WorkSummary', {
  connection: '工作总结列表 — a page of work summaries (Relay connection).',
  totalCount: '总数 — number of summaries the caller may read.',
  edges: '本页 — the summaries of this page.',
  edge: '工作总结列表项 — a work summary with its cursor.',
  node: '工作总结 — the work summary.',
});
