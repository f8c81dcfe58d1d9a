import 'reflect-metadata';
import { runSubgraph } from '@kepuri/platform';
import { build } from './app';
import { config } from './config';

void runSubgraph(config, build);
