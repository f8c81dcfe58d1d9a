import 'reflect-metadata'; // gateway config → limits → the shared pagination types (type-graphql decorators)
import { issueToken } from '../gateway/src/auth';
import { parseGatewayConfig } from '../gateway/src/config';
import { ROLES, identitySchema, type Identity } from '@kepuri/platform';
import { UsageError, parseCli, runCli } from './lib/cli';

/**
 * `npm run token -- --role organizer --org <id>`: a development bearer token signed with the
 * gateway's JWT_SECRET. Roles: public (--sub), organizer and supervisor (--org, and --sub, by
 * default `<role>-<org>`), admin, publisher (--subgraph, or --client for a client's operations), developer.
 *
 * The gateway accepts an organizer or supervisor token only when its user is a member of the
 * organisation, so for those roles the script also grants the membership on the running hub
 * (addMember as the host) unless --no-grant; without a running hub it says how to do it later.
 */
const USAGE = `Usage: npm run token -- --role <${ROLES.filter((role) => role !== 'service').join('|')}> [--org <organization id>] [--sub <user>] [--subgraph <name>] [--expires 12h] [--no-grant]
  organizer and supervisor need --org (and are made members of it on the running hub unless --no-grant);
  publisher needs --subgraph; public takes --sub (a user who checks in and gives feedback).
  Signed with the gateway's JWT_SECRET (the development default unless set).`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    sub: { type: 'string' },
    subgraph: { type: 'string' },
    client: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    'no-grant': { type: 'boolean', default: false },
  },
});

const managing = values.role === 'organizer' || values.role === 'supervisor';

/** The identity the arguments describe, or a UsageError saying what is missing. */
function identityFromArguments(): Identity {
  if (!values.role) throw new UsageError('--role is required');
  const parsed = identitySchema.safeParse({
    role: values.role,
    org: values.org,
    sub: values.sub ?? (managing && values.org ? `${values.role}-${values.org}` : undefined),
    subgraph: values.subgraph,
  });
  if (!parsed.success || parsed.data.role === 'service') throw new UsageError(`--role ${values.role} is not a client role`);
  if (managing && !values.org) throw new UsageError(`--role ${values.role} needs --org`);
  if (values.role === 'publisher' && !values.subgraph && !values.client) throw new UsageError('--role publisher needs --subgraph or --client');
  return parsed.data;
}

async function grantMembership(identity: Identity, url: string, jwtSecret: string): Promise<void> {
  const mutation = 'mutation($org: ID!, $sub: String!, $role: MembershipRole!) { addMember(organizationId: $org, userSub: $sub, role: $role) { role } }';
  const variables = { org: identity.org, sub: identity.sub, role: identity.role };
  try {
    const host = await issueToken({ role: 'admin', sub: 'token-script' }, jwtSecret, '1m');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host}` },
      body: JSON.stringify({ query: mutation, variables }),
    });
    const body = (await response.json()) as { errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors[0].message);
    console.error(`${identity.sub} now acts for ${identity.org} as ${identity.role} (addMember on ${url})`);
  } catch (error) {
    console.error(`warning: the membership was not granted (${(error as Error).message}); the gateway refuses this token until it is:`);
    console.error(`  ${mutation}  variables ${JSON.stringify(variables)}  (as the host or a manager of the organisation)`);
  }
}

async function main(): Promise<void> {
  const identity = identityFromArguments();
  const config = parseGatewayConfig();
  const token = await issueToken(identity, config.jwtSecret, values.expires);
  if (managing && !values['no-grant']) {
    await grantMembership(identity, `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/graphql`, config.jwtSecret);
  }
  console.log(token);
}

runCli(USAGE, main);
