import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { KeyObject } from 'node:crypto';
import { hubError, ANONYMOUS, clientIdentitySchema, secretKey, verifyServiceIdentity, type Identity } from '@kepuri/platform';

const CLIENT_ISSUER = 'kepuri-hub';

/** A subgraph's own call (federated lookup), signed with the secret the gateway shares with it. */
export async function identifyService(header: string, internalSecret: string): Promise<Identity> {
  const identity = await verifyServiceIdentity(header, internalSecret);
  if (!identity) throw hubError('UNAUTHENTICATED', 'The service signature is invalid or expired');
  return identity;
}

/** How client tokens are verified (docs/ARCHITECTURE.md, "Auth"). */
export interface ClientTokenOptions {
  /** HS256 tokens: the shared secret (JWT_SECRET). */
  secret: string;
  /** The `iss` every token must carry (JWT_ISSUER, default `kepuri-hub`). */
  issuer?: string;
  /** The `aud` every token must carry, when set (JWT_AUDIENCE). */
  audience?: string;
  /** An OIDC provider's JWKS (JWT_JWKS_URL): asymmetric tokens (RS256, ES256, …) are verified against its keys. */
  jwksUrl?: string;
  /** Tokens without `exp` are refused (always in production). */
  requireExp?: boolean;
  /** The longest a token may live, `exp` − `iat` (JWT_MAX_LIFETIME_S). */
  maxLifetimeSeconds?: number;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * The caller's identity from `Authorization: Bearer <JWT>`: anonymous public without a header,
 * UNAUTHENTICATED for a token that is malformed, forged, expired, too long-lived, for another
 * issuer or audience, or claims an unknown role. HS256 tokens are checked with the shared secret;
 * with a JWKS URL, asymmetric ones with the provider's keys (fetched and cached by jose).
 */
export class ClientTokens {
  private readonly secret: KeyObject;
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(private readonly options: ClientTokenOptions) {
    // Made once: jose would otherwise import the secret for every token it verifies.
    this.secret = secretKey(options.secret);
    this.jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  }

  async verify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw hubError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
    const { options } = this;
    try {
      const { payload } = await jwtVerify(
        match[1],
        async (header, token) => (header.alg === 'HS256' || !this.jwks ? this.secret : this.jwks(header, token)),
        {
          issuer: options.issuer ?? CLIENT_ISSUER,
          audience: options.audience,
          algorithms: this.jwks ? ['HS256', ...ASYMMETRIC] : ['HS256'],
          requiredClaims: options.requireExp ? ['exp'] : [],
        },
      );
      if (options.maxLifetimeSeconds !== undefined && typeof payload.exp === 'number') {
        const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
        if (payload.exp - issuedAt > options.maxLifetimeSeconds) throw new Error('lifetime');
      }
      const parsed = clientIdentitySchema.safeParse(payload);
      if (!parsed.success) throw new Error('claims');
      return parsed.data;
    } catch {
      throw hubError('UNAUTHENTICATED', 'The bearer token is invalid or expired');
    }
  }
}

/** Issues a client token (development tokens, tests). */
export function issueToken(identity: Identity, jwtSecret: string, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ ...identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(CLIENT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secretKey(jwtSecret));
}
