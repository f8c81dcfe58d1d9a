import { SignJWT, jwtVerify } from 'jose';
import { hubError, ANONYMOUS, clientIdentitySchema, verifyServiceIdentity, type Identity } from '@kepuri/platform';

const CLIENT_ISSUER = 'kepuri-hub';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** A subgraph's own call (federated lookup), signed with the secret the gateway shares with it. */
export async function identifyService(header: string, internalSecret: string): Promise<Identity> {
  const identity = await verifyServiceIdentity(header, internalSecret);
  if (!identity) throw hubError('UNAUTHENTICATED', 'The service signature is invalid or expired');
  return identity;
}

/**
 * The caller's identity from `Authorization: Bearer <JWT>`: anonymous public without a header,
 * UNAUTHENTICATED for a token that is malformed, forged, expired or claims an unknown role.
 */
export async function identify(authorization: string | undefined, jwtSecret: string): Promise<Identity> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw hubError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(match[1], key(jwtSecret), { issuer: CLIENT_ISSUER, algorithms: ['HS256'] });
    const parsed = clientIdentitySchema.safeParse(payload);
    if (!parsed.success) throw new Error('claims');
    return parsed.data;
  } catch {
    throw hubError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
  }
}

/** Issues a client token (development tokens, tests). */
export function issueToken(identity: Identity, jwtSecret: string, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ ...identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(CLIENT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(jwtSecret));
}
