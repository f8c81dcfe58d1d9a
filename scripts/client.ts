import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, parseCli, runCli } from './lib/cli';
import { REGISTRY_EXIT, exitForStatus, parseRegistryCliConfig, registryCaller } from './lib/registry-cli-config';

/**
 * `npm run client -- <command>`: registers a client's operations with the registry (its trusted
 * documents, like `rover persisted-queries publish`) and lists what is registered. The manifest is
 * the one `@apollo/generate-persisted-query-manifest` writes. Exit codes as `npm run subgraph`:
 * 0 done, 1 refused by the checks (operations that do not validate, a version registered with other
 * operations), 2 bad usage or input, 3 not allowed (401/403), 4 anything else.
 */
const USAGE = `Usage: npm run client -- <command> [options]
  publish    --name <client> --version <version> --manifest <persisted-query-manifest.json>   register a client version's operations
  list                                                                                      the registered clients and their versions
  operations --name <client> --version <version>                                            the operations of one version
options: --url <gateway origin> (HUB_GATEWAY, default http://127.0.0.1:4000), --token <bearer> (HUB_REGISTRY_TOKEN: an admin token or a publisher token scoped to the client), --json, --help
exit codes: 0 ok, 1 refused by the checks, 2 usage/input, 3 unauthorised/forbidden, 4 other errors`;

const { values, positionals } = parseCli({
  usage: USAGE,
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    version: { type: 'string' },
    manifest: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const [command] = positionals;
  if (!command || !['publish', 'list', 'operations'].includes(command)) throw new UsageError(`unknown command ${command ?? '(none)'}: publish, list or operations (npm run client -- --help)`);
  if (command !== 'list' && !values.name) throw new UsageError(`${command} needs --name <client>`);
  if (command !== 'list' && !values.version) throw new UsageError(`${command} needs --version <version>`);
  if (command === 'publish' && !values.manifest) throw new UsageError('publish needs --manifest <persisted-query-manifest.json>');
  const config = parseRegistryCliConfig();
  const registry = registryCaller(values.url ?? config.gateway, values.token ?? config.token, values.json);
  const call = async (method: string, route: string, body?: unknown) => {
    const answer = await registry(method, route, body);
    if (!values.json && answer.status >= 300) {
      const error = answer.body.error as { code?: string; message?: string } | undefined;
      console.error(`✖ ${error?.code ?? answer.status}: ${error?.message ?? ''}`);
      for (const operation of (answer.body.operations as Array<{ name: string; errors: string[] }> | undefined) ?? []) console.error(`  ${operation.name}: ${operation.errors.join('; ')}`);
    }
    return answer;
  };
  const name = encodeURIComponent(values.name ?? '');
  const version = encodeURIComponent(values.version ?? '');

  switch (command) {
    case 'publish': {
      let manifest: unknown;
      try {
        manifest = JSON.parse(await readFile(path.resolve(config.cwd, values.manifest!), 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot read the manifest ${values.manifest}: ${(error as Error).message}`);
      }
      const { status, body } = await call('POST', `/clients/${name}/versions`, { version: values.version, manifest });
      if (status < 300 && !values.json) {
        console.log(body.unchanged ? `✔ ${values.name} ${values.version} is already registered with these operations` : `✔ registered ${values.name} ${values.version}: ${body.operations} operation(s)`);
      }
      return exitForStatus(status);
    }
    case 'list': {
      const { status, body } = await call('GET', '/clients');
      if (status < 300 && !values.json) {
        for (const client of body.clients as Array<{ name: string; versions: Array<{ version: string; operations: number; publishedAt: string }> }>) {
          console.log(client.name);
          for (const row of client.versions) console.log(`  ${row.version.padEnd(24)} ${String(row.operations).padStart(4)} operation(s)  ${row.publishedAt}`);
        }
      }
      return exitForStatus(status);
    }
    case 'operations': {
      const { status, body } = await call('GET', `/clients/${name}/versions/${version}`);
      if (status < 300 && !values.json) {
        for (const operation of body.operations as Array<{ id: string; name: string; type: string }>) console.log(`${operation.type.padEnd(12)} ${operation.name.padEnd(32)} ${operation.id}`);
      }
      return exitForStatus(status);
    }
  }
  return REGISTRY_EXIT.usage;
}

runCli(USAGE, main, REGISTRY_EXIT.other);
