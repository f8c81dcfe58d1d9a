import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, parseCli, runCli } from './lib/cli';
import { REGISTRY_EXIT, exitForStatus, parseRegistryCliConfig, registryCaller } from './lib/registry-cli-config';

/**
 * `npm run subgraph -- <command>`: the registry's HTTP API for people and CI (like `rover subgraph`).
 * Exit codes: 0 done (or nothing to do), 1 refused by the checks (composition errors, breaking
 * changes), 2 bad usage or input, 3 not allowed (401/403), 4 anything else (not found, network, 5xx).
 */
const USAGE = `Usage: npm run subgraph -- <command> [options]
  check    <name> --schema <file.graphql> --url <routing url>      compose with the live graph and list the changes
  publish  <name> --schema <file.graphql> --url <routing url> [--force]
  list                                                              the subgraphs in the live graph
  versions <name>                                                   every stored version of one subgraph
  rollback <name> --version <n> [--force]                           make a stored version live again
  delete   <name> [--force]                                         take a subgraph out of the graph (admin)
  token    <name> [--force-scope] [--label <text>]                 create an opaque publisher token (admin; shown once)
options: --gateway <origin> (HUB_GATEWAY, default http://127.0.0.1:4000), --token <bearer> (HUB_REGISTRY_TOKEN), --json
exit codes: 0 ok, 1 refused by the checks, 2 usage/input, 3 unauthorised/forbidden, 4 other errors`;

interface Change {
  criticality: string;
  message: string;
  path: string | null;
  clients?: Array<{ name: string; version: string }>;
  operations?: string[];
  reason?: string;
}

function printChanges(changes: Change[]): void {
  if (changes.length === 0) return console.log('  no change clients can see');
  const count = (criticality: string) => changes.filter((change) => change.criticality === criticality).length;
  console.log(`  ${changes.length} change(s): ${count('BREAKING')} breaking, ${count('DANGEROUS')} dangerous, ${count('SAFE')} safe`);
  for (const change of changes) {
    console.log(`  ${change.criticality.padEnd(9)} ${(change.path ?? '').padEnd(40)} ${change.message}`);
    // Usage-aware checks: who a breaking change breaks, or why one the schema calls breaking is safe.
    if (change.clients?.length) console.log(`            breaks ${change.clients.map((client) => (client.version ? `${client.name}@${client.version}` : client.name)).join(', ')}: ${(change.operations ?? []).join(', ')}`);
    if (change.reason) console.log(`            ${change.reason}`);
  }
}

function printRefusal(body: Record<string, unknown>): void {
  const error = body.error as { code?: string; message?: string } | undefined;
  if (error) console.error(`✖ ${error.code}: ${error.message}`);
  const compositionErrors = (body.compositionErrors as Array<{ message: string }> | undefined) ?? [];
  for (const composition of compositionErrors) console.error(`  composition: ${composition.message}`);
  const changes = (body.changes as Change[] | undefined) ?? [];
  if (changes.length) printChanges(changes);
}

async function main(): Promise<number> {
  const { values, positionals } = parseCli({
    usage: USAGE,
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      url: { type: 'string' },
      version: { type: 'string' },
      force: { type: 'boolean', default: false },
      'force-scope': { type: 'boolean', default: false },
      label: { type: 'string', default: '' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, name] = positionals;
  const needsName = ['check', 'publish', 'versions', 'rollback', 'delete', 'token'];
  if (!command) throw new UsageError('a command is needed');
  if (![...needsName, 'list'].includes(command)) throw new UsageError(`unknown command ${command}`);
  if (needsName.includes(command) && !name) throw new UsageError(`${command} needs a subgraph name`);
  const config = parseRegistryCliConfig();
  const call = registryCaller(values.gateway ?? config.gateway, values.token ?? config.token, values.json);
  const schemaInput = async () => {
    if (!values.schema || !values.url) throw new UsageError(`${command} needs --schema <file.graphql> and --url <routing url>`);
    // Relative to where the command was typed, also through `npm run` (which runs in the hub's folder).
    return { sdl: await readFile(path.resolve(config.cwd, values.schema), 'utf8'), url: values.url };
  };
  const enc = encodeURIComponent(name ?? '');

  switch (command) {
    case 'check': {
      const input = await schemaInput();
      const { status, body } = await call('POST', `/subgraphs/${enc}/check`, input);
      if (status !== 200) return printRefusal(body), exitForStatus(status);
      if (values.json) return body.ok ? REGISTRY_EXIT.ok : REGISTRY_EXIT.refused;
      const compositionErrors = body.compositionErrors as Array<{ message: string }>;
      const changes = body.changes as Change[];
      if (compositionErrors.length) {
        console.log(`✖ ${name} does not compose with the live graph:`);
        for (const error of compositionErrors) console.log(`  ${error.message}`);
      } else {
        const breaking = changes.filter((change) => change.criticality === 'BREAKING').length;
        console.log(breaking ? `✖ ${name} composes but breaks ${breaking} thing(s) clients use:` : `✔ ${name} composes with the live graph; changes:`);
        printChanges(changes);
      }
      return body.ok ? REGISTRY_EXIT.ok : REGISTRY_EXIT.refused;
    }
    case 'publish': {
      const input = await schemaInput();
      const { status, body } = await call('POST', `/subgraphs/${enc}`, { ...input, force: values.force });
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      const version = body.version as { version: number; sha256: string } | undefined;
      if (body.unchanged) console.log(`✔ ${name} is unchanged (version ${version?.version}); nothing published`);
      else {
        console.log(`✔ published ${name} version ${version?.version} (sha256 ${version?.sha256.slice(0, 12)}…), supergraph version ${body.supergraphVersion}`);
        printChanges(body.changes as Change[]);
      }
      return REGISTRY_EXIT.ok;
    }
    case 'list': {
      const { status, body } = await call('GET', '/subgraphs');
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      const rows = body.subgraphs as Array<{ name: string; version: number; url: string; publishedAt: string; owner: string }>;
      console.log(`${'name'.padEnd(22)} ${'version'.padEnd(8)} ${'published at'.padEnd(25)} ${'owner'.padEnd(28)} url`);
      for (const row of rows) console.log(`${row.name.padEnd(22)} ${String(row.version).padEnd(8)} ${row.publishedAt.padEnd(25)} ${row.owner.padEnd(28)} ${row.url}`);
      return REGISTRY_EXIT.ok;
    }
    case 'versions': {
      const { status, body } = await call('GET', `/subgraphs/${enc}/versions`);
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      for (const row of body.versions as Array<{ version: number; sha256: string; url: string; publishedAt: string; publishedBy: string; active: boolean }>) {
        console.log(`${row.active ? '*' : ' '} v${String(row.version).padEnd(5)} ${row.publishedAt}  ${row.sha256.slice(0, 12)}  ${row.publishedBy.padEnd(28)} ${row.url}`);
      }
      return REGISTRY_EXIT.ok;
    }
    case 'rollback': {
      const version = Number(values.version);
      if (!Number.isInteger(version) || version < 1) throw new UsageError('rollback needs --version <n>');
      const { status, body } = await call('POST', `/subgraphs/${enc}/rollback`, { version, force: values.force });
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      if (body.unchanged) console.log(`✔ ${name} version ${version} is already live`);
      else console.log(`✔ ${name} version ${version} is live again (supergraph version ${body.supergraphVersion})`), printChanges(body.changes as Change[]);
      return REGISTRY_EXIT.ok;
    }
    case 'delete': {
      const { status, body } = await call('DELETE', `/subgraphs/${enc}${values.force ? '?force=true' : ''}`);
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      console.log(`✔ ${name} is out of the graph (supergraph version ${body.supergraphVersion}); its versions stay stored`);
      printChanges(body.changes as Change[]);
      return REGISTRY_EXIT.ok;
    }
    case 'token': {
      const scopes = values['force-scope'] ? ['publish', 'force'] : ['publish'];
      const { status, body } = await call('POST', '/tokens', { subgraph: name, scopes, label: values.label });
      if (values.json) return exitForStatus(status);
      if (status >= 300) return printRefusal(body), exitForStatus(status);
      console.error(`publisher token ${body.id} for ${name} (${scopes.join(', ')}); it is shown only this once:`);
      console.log(body.token);
      return REGISTRY_EXIT.ok;
    }
  }
  return REGISTRY_EXIT.usage;
}

runCli(USAGE, main, REGISTRY_EXIT.other);
