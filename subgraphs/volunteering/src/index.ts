import 'reflect-metadata';
import { runSubgraph } from '../../shared/src/run';
import { build } from './app';
import { config } from './config';

void runSubgraph(config, build);
