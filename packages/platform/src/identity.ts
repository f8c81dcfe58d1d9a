import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

/** Roles of ARCHITECTURE.md ("Auth"). A caller without a token is `public` without `sub`. */
export const CLIENT_ROLES = ['public', 'organizer', 'supervisor', 'admin', 'publisher', 'developer'] as const;
/** Client roles plus `service`: a subgraph asking the hub a question (never in a client token). */
export const ROLES = [...CLIENT_ROLES, 'service'] as const;
export type Role = (typeof ROLES)[number];

export const identitySchema = z.object({
  role: z.enum(ROLES),
  sub: z.string().min(1).max(200).optional(),
  org: z.string().min(1).max(64).optional(),
  subgraph: z.string().min(1).max(64).optional(),
  /** A publisher token scoped to one client: it may register that client's versions (the registry). */
  client: z.string().min(1).max(64).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const clientIdentitySchema = identitySchema.extend({ role: z.enum(CLIENT_ROLES) });

export const ANONYMOUS: Identity = Object.freeze({ role: 'public' });

/** The header in which the gateway forwards the verified identity to subgraphs. */
export const IDENTITY_HEADER = 'x-hub-identity';
const ISSUER = 'kepuri-gateway';
const AUDIENCE = 'kepuri-subgraph';

/** A shared secret: its text, or the key made of it once (`secretKey`) by a caller that signs or verifies on every request. */
export type SharedSecret = string | KeyObject;

/** The key of a shared secret, made once: jose would otherwise import the text on every signature. */
export function secretKey(secret: SharedSecret): KeyObject {
  return typeof secret === 'string' ? createSecretKey(Buffer.from(secret, 'utf8')) : secret;
}

/** Signs an identity for one hop gateway → subgraph; short-lived so a leaked header ages out. */
export async function signIdentity(identity: Identity, secret: SharedSecret, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ ...identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secretKey(secret));
}

/** Verifies the gateway's signature; returns null when the header is missing, forged or expired. */
export async function verifyIdentity(token: string | undefined, secret: SharedSecret): Promise<Identity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const parsed = identitySchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The header in which a subgraph calls the gateway as `service` (federated lookups). */
export const SERVICE_HEADER = 'x-hub-service';
const SERVICE_ISSUER = 'kepuri-subgraph';
const SERVICE_AUDIENCE = 'kepuri-gateway';

export async function signServiceIdentity(subgraph: string, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ role: 'service', subgraph })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(SERVICE_ISSUER)
    .setAudience(SERVICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secretKey(secret));
}

export async function verifyServiceIdentity(token: string, secret: string): Promise<Identity | null> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), { issuer: SERVICE_ISSUER, audience: SERVICE_AUDIENCE, algorithms: ['HS256'] });
    return payload.role === 'service' && typeof payload.subgraph === 'string' ? { role: 'service', subgraph: payload.subgraph } : null;
  } catch {
    return null;
  }
}
