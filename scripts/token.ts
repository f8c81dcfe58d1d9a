import 'reflect-metadata'; // gateway config → limits → the shared pagination types (type-graphql decorators)
import { parseArgs } from 'node:util';
import { issueToken } from '../gateway/src/auth';
import { parseGatewayConfig } from '../gateway/src/config';
import { ROLES, identitySchema } from '../subgraphs/shared/src/identity';

/**
 * `npm run token -- --role organizer --org <id>`: a development bearer token signed with the
 * gateway's JWT_SECRET. Roles: public (--sub), organizer and supervisor (--org), admin,
 * publisher (--subgraph), developer.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    sub: { type: 'string' },
    subgraph: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

const parsed = identitySchema.safeParse({ role: values.role, org: values.org, sub: values.sub, subgraph: values.subgraph });
if (!parsed.success || ((values.role === 'organizer' || values.role === 'supervisor') && !values.org) || (values.role === 'publisher' && !values.subgraph)) {
  console.error(`usage: npm run token -- --role <${ROLES.join('|')}> [--org <organization id>] [--sub <user>] [--subgraph <name>] [--expires 12h]`);
  console.error('organizer and supervisor need --org; publisher needs --subgraph; public takes --sub');
  process.exit(2);
}
issueToken(parsed.data, parseGatewayConfig().jwtSecret, values.expires).then((token) => console.log(token));
