/** @kepuri/domain: the vocabulary of the 2020 notice (../shared/DOMAIN.md) that the subgraphs share. */

export * from './vocabulary';
export * from './regions';
export * from './placement';
export * from './descriptions';
export * from './entity-stubs';
export * from './scopes';
export * from './stats-events';
