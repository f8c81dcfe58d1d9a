import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

/** Roles of ARCHITECTURE.md ("Auth"). A caller without a token is `public` without `sub`. */
export const ROLES = ['public', 'organizer', 'supervisor', 'admin', 'publisher', 'developer'] as const;
export type Role = (typeof ROLES)[number];

export const identitySchema = z.object({
  role: z.enum(ROLES),
  sub: z.string().min(1).max(200).optional(),
  org: z.string().min(1).max(64).optional(),
  subgraph: z.string().min(1).max(64).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const ANONYMOUS: Identity = Object.freeze({ role: 'public' });

/** The header in which the gateway forwards the verified identity to subgraphs. */
export const IDENTITY_HEADER = 'x-hub-identity';
const ISSUER = 'kepuri-gateway';
const AUDIENCE = 'kepuri-subgraph';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an identity for one hop gateway → subgraph; short-lived so a leaked header ages out. */
export async function signIdentity(identity: Identity, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ ...identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** Verifies the gateway's signature; returns null when the header is missing, forged or expired. */
export async function verifyIdentity(token: string | undefined, secret: string): Promise<Identity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const parsed = identitySchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
