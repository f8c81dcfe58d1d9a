/** @kepuri/seed: the sample set every subgraph seeds from the same names, so their ids agree. */

export * from './reference-data';
export * from './sample-plan';
