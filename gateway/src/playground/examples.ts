import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getOperationAST, parse } from 'graphql';
import { chinaYear } from '@kepuri/platform';

/** The example operations the repository keeps (dashboards, search, writes, subscriptions). */
export const OPERATIONS_DIR = path.resolve(__dirname, '../../../schema/operations');

export interface ExampleOperation {
  /** The file name without `.graphql`: a stable id (`national-dashboard`). */
  id: string;
  /** The operation's name (`ActivitySearch`). */
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** The file's leading `#` comment, without the `#` and the variables line. */
  description: string;
  /** The document as the editor shows it: the description comment and the operation. */
  query: string;
  /** Variables to start from, as JSON text ('' when the operation takes none). */
  variables: string;
}

const VARIABLES_LINE = /^#\s*variables:\s*(.*)$/;

/**
 * Reads one example. The file starts with `#` comment lines (its description); a line
 * `# variables: {…}` gives the variables to start from, where `{{year}}` is the current year in
 * China time (where a graph's data follows the calendar, as the hub's demo year does).
 */
export function readExample(file: string, now = new Date()): ExampleOperation {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const description: string[] = [];
  let variables = '';
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    const declared = VARIABLES_LINE.exec(line);
    if (declared) variables = declared[1].trim();
    else description.push(line.replace(/^#\s?/, ''));
  }
  if (description.length === 0) throw new Error(`${file}: an example starts with a # comment that describes it`);
  const year = chinaYear(now);
  if (variables) {
    variables = JSON.stringify(JSON.parse(variables.replaceAll('{{year}}', String(year))), null, 2);
  }
  const query = lines.filter((line) => !VARIABLES_LINE.test(line)).join('\n').trim() + '\n';
  const operation = getOperationAST(parse(query));
  if (!operation?.name) throw new Error(`${file}: an example holds one named operation`);
  return {
    id: path.basename(file, '.graphql'),
    name: operation.name.value,
    kind: operation.operation,
    description: description.join(' ').trim(),
    query,
    variables,
  };
}

/** Every example in the folder: queries first, then mutations, then subscriptions, by file name within each. */
export function readExamples(dir = OPERATIONS_DIR, now = new Date()): ExampleOperation[] {
  const order = { query: 0, mutation: 1, subscription: 2 };
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readExample(path.join(dir, file), now))
    .sort((a, b) => order[a.kind] - order[b.kind]);
}
