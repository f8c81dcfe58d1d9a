import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';

/**
 * The layout's rules (docs/ARCHITECTURE.md, "Map"), checked on the source text: where code may
 * import from, what the generic parts may not name, and no mutable state at module level.
 */
const root = path.resolve(__dirname, '..');

function sourceFiles(folder: string, extensions = ['.ts']): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((extension) => entry.endsWith(extension))) found.push(full);
    }
  };
  walk(path.join(root, folder));
  return found;
}

const relative = (file: string) => path.relative(root, file);

/** The unit a file belongs to: a package, a subgraph, the gateway, the scripts, the tests. */
function unitOf(file: string): string {
  const parts = relative(file).split(path.sep);
  if (parts[0] === 'packages' || parts[0] === 'subgraphs' || parts[0] === 'examples') return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
  return parts[0];
}

const IMPORT = /(?:from|import|require\()\s*'(\.[^']*)'/g;

describe('the layout', () => {
  const units = ['gateway/src', 'packages', 'subgraphs'];

  it('crosses from one unit to another only by package name (no ../../.. paths), and the gateway imports nothing of subgraphs/', () => {
    const crossings: string[] = [];
    for (const file of units.flatMap((unit) => sourceFiles(unit))) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), specifier);
        // A subgraph reads its own manifest (subgraphs/core-subgraphs.ts); everything else stays in its unit.
        const allowed = unitOf(target) === unitOf(file) || (unitOf(file).startsWith('subgraphs/') && relative(target) === 'subgraphs/core-subgraphs');
        if (!allowed) crossings.push(`${relative(file)} → ${specifier}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps the domain out of the gateway and the platform: no core subgraph, domain type or root field is named there', () => {
    const names = new Set<string>(CORE_SUBGRAPHS.map((subgraph) => subgraph.name));
    // Apollo's CacheControlScope (the @cacheControl directive's argument) is declared by the platform for every subgraph.
    const generic = new Set(['Query', 'Mutation', 'Subscription', 'PageInfo', 'DateTimeISO', 'CacheControlScope', 'String', 'ID', 'Int', 'Boolean', 'Float']);
    for (const subgraph of CORE_SUBGRAPHS) {
      const document = parse(readFileSync(subgraph.sdlFile, 'utf8'));
      for (const definition of document.definitions) {
        if (!('name' in definition) || !definition.name || generic.has(definition.name.value)) continue;
        if (definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
        names.add(definition.name.value);
      }
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
        const type = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
        if (!['Query', 'Mutation', 'Subscription'].includes(type.name.value)) continue;
        for (const field of type.fields ?? []) names.add(field.name.value);
      }
    }
    expect(names.size).toBeGreaterThan(50);
    const named: string[] = [];
    for (const file of [...sourceFiles('gateway/src', ['.ts', '.js', '.html', '.css']), ...sourceFiles('packages/platform/src')]) {
      const words = new Set(readFileSync(file, 'utf8').match(/[A-Za-z_][A-Za-z0-9_]*/g));
      const found = [...names].filter((name) => words.has(name));
      if (found.length > 0) named.push(`${relative(file)}: ${found.join(', ')}`);
    }
    expect(named).toEqual([]);
  });

  it('keeps no mutable state at module level: state lives in an app, a server or a request', () => {
    const found: string[] = [];
    for (const file of [...sourceFiles('gateway/src'), ...sourceFiles('packages'), ...sourceFiles('subgraphs')]) {
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        // A lookup table typed Readonly… is a constant; a Map or Set that can grow is state.
        if (/^(export )?(let|var) /.test(line) || (/^(export )?const \w+(: [^=]+)? = new (Map|Set|WeakMap|WeakSet)\b/.test(line) && !line.includes(': Readonly'))) {
          found.push(`${relative(file)}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('logs through pino only: no console calls in the gateway, the subgraphs or the platform', () => {
    const found: string[] = [];
    for (const file of [...sourceFiles('gateway/src'), ...sourceFiles('subgraphs'), ...sourceFiles('packages/platform')]) {
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        if (/\bconsole\.(log|info|warn|error|debug|trace)\(/.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`${relative(file)}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
