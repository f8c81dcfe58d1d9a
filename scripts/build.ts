import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCli, runCli } from './lib/cli';

const USAGE = `Usage: npm run build [-- --out dist]
  Compiles the gateway, the subgraphs and the packages to JavaScript (tsc, tsconfig.build.json) in the out
  folder with the files they read at run time, so production runs plain node on it: no TypeScript loader.`;

const root = path.resolve(__dirname, '..');

/** Files the compiled code reads beside itself (by __dirname), copied as they are. */
const ASSETS = [
  'schema',
  'subgraphs/manifest.json',
  'gateway/src/playground/client',
  'gateway/src/registry/page',
  'packages/dashboard/public',
];

/**
 * The workspace packages resolve by name to their TypeScript sources (`main: ./src/index.ts`) in a
 * checkout. In the build, `<out>/node_modules/@kepuri/<name>` points at the compiled index instead,
 * found first by Node from any compiled file (it searches node_modules up from the file's folder).
 */
async function linkPackages(out: string): Promise<string[]> {
  const names = await readdir(path.join(root, 'packages'));
  for (const name of names) {
    const manifest = JSON.parse(await readFile(path.join(root, 'packages', name, 'package.json'), 'utf8')) as { name: string; version: string };
    const folder = path.join(out, 'node_modules', manifest.name);
    await mkdir(folder, { recursive: true });
    const main = path.relative(folder, path.join(out, 'packages', name, 'src', 'index.js'));
    await writeFile(path.join(folder, 'package.json'), `${JSON.stringify({ name: manifest.name, version: manifest.version, private: true, main }, null, 2)}\n`);
  }
  return names;
}

/** The hub's name and version beside the compiled code: the gateway reads its version there (its pages register as clients with it). */
async function writeManifest(out: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  await writeFile(path.join(out, 'package.json'), `${JSON.stringify({ name: manifest.name, version: manifest.version, private: true }, null, 2)}\n`);
}

async function main(): Promise<number> {
  const { values } = parseCli({ usage: USAGE, options: { out: { type: 'string', default: 'dist' } } });
  const out = path.resolve(root, values.out);
  const started = Date.now();
  await rm(out, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) return 1;
  for (const asset of ASSETS) await cp(path.join(root, asset), path.join(out, asset), { recursive: true });
  const packages = await linkPackages(out);
  await writeManifest(out);
  console.log(`built ${path.relative(root, out)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s: gateway, ${packages.length} packages, the subgraphs; `
    + `run with node ${path.relative(root, out)}/gateway/src/index.js (and subgraphs/<name>/src/index.js)`);
  return 0;
}

runCli(USAGE, main);
