import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCli, runCli } from './lib/cli';
import { generateSchemas, schemaFiles } from './lib/supergraph';

const USAGE = `Usage: npm run schema [-- --check]
  Writes schema/<subgraph>.graphql and schema/supergraph.graphql from the subgraphs' code;
  --check (npm run schema:check) changes nothing and exits 1 when the committed files are stale.`;

/**
 * `npm run schema` writes schema/<subgraph>.graphql and schema/supergraph.graphql from the code;
 * `npm run schema:check` fails when the committed files differ from what the code prints.
 */
async function main(): Promise<void> {
  const { values } = parseCli({ usage: USAGE, options: { check: { type: 'boolean', default: false } } });
  const check = values.check;
  const root = path.resolve(__dirname, '..');
  const files = schemaFiles(await generateSchemas());
  const stale: string[] = [];
  for (const [file, content] of files) {
    const target = path.join(root, file);
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) stale.push(file);
    else {
      await writeFile(target, content);
      console.log(`wrote ${file}`);
    }
  }
  if (check && stale.length > 0) {
    console.error(`Stale generated schema: ${stale.join(', ')}. Run \`npm run schema\` and commit the result.`);
    process.exit(1);
  }
  if (!check || stale.length === 0) console.log(check ? 'schema/ is up to date' : 'schema/ written');
}

runCli(USAGE, main);
