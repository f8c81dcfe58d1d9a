/**
 * @kepuri/platform: what the gateway, the subgraphs, the scripts and the tests share. It names
 * nothing of the domain (that is @kepuri/domain), so a ministry's subgraph could be built on it too.
 */

// Who calls: roles, the identity the gateway signs for subgraphs, the service identity of subgraphs.
export * from './identity';
export * from './authorization';
// The hub's clock: China Standard Time for days, years and deadlines.
export * from './time';
// Errors of the public contract and argument validation.
export * from './errors';
export * from './validation';
export * from './input-errors';
export * from './availability';
// Traces: telemetry.ts is preloaded (node -r); the processes flush it when they stop. Logs carry the trace id.
export * from './telemetry-flush';
export * from './logger';
export * from './request-log';
// Configuration: what every subgraph reads, and the manifest of core subgraphs.
export * from './config';
export * from './secrets';
export * from './manifest';
// A subgraph: its definition, schema, HTTP and WebSocket server, process.
export * from './subgraph-app';
export * from './federation';
export * from './hub-directives';
export * from './cache-hints';
export * from './enums';
export * from './server';
export * from './ws';
export * from './static-files';
export * from './run';
// Data: PostgreSQL through TypeORM, events after commit, rollups, batching, pagination, ids.
export * from './db';
export * from './events';
export * from './rollups';
export * from './rollup-applier';
export * from './loaders';
export * from './pagination';
export * from './ids';
// The rest of the graph, seen from a subgraph.
export * from './hub-client';
