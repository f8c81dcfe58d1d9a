import express from 'express';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { Registry } from 'prom-client';
import { EXAMPLE_SECRETS, parseSubgraphConfig } from '@kepuri/platform';
import { ClientTokens } from '../gateway/src/auth';
import { parseGatewayConfig } from '../gateway/src/config';
import { metricsRoute } from '../gateway/src/metrics';

/** What production refuses to start with, and how it checks tokens and serves metrics (issue 16). */
const envExample = readFileSync(path.resolve(__dirname, '../.env.example'), 'utf8');
const example = Object.fromEntries([...envExample.matchAll(/^([A-Z_]+)=(\S+)/gm)].map(([, name, value]) => [name, value]));
const GOOD = { JWT_SECRET: 'q8Vn3L0s9wXkT2rB7yMe4HcJ6pZa1UfDgR5tNiOv', HUB_INTERNAL_SECRET: 'Zk2P9wq7Lm4Rt8Xv1Bn6Hc3Jy5Ue0Sa8Df2Gi7Oq' };
const secret = new TextEncoder().encode(GOOD.JWT_SECRET);

async function listening(app: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('production configuration', () => {
  it('knows every secret .env.example shows', () => {
    const secrets = Object.entries(example).filter(([name]) => /SECRET|TOKEN/.test(name));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const [, value] of secrets) expect(EXAMPLE_SECRETS).toContain(value);
  });

  it('refuses to start with an example, short or missing secret (gateway and subgraphs)', () => {
    const production = { NODE_ENV: 'production' };
    expect(() => parseGatewayConfig({ ...production, ...example })).toThrow(/JWT_SECRET[^]*example value|HUB_INTERNAL_SECRET[^]*example value/);
    expect(() => parseGatewayConfig(production)).toThrow(/JWT_SECRET[^]*must be set in production/);
    expect(() => parseGatewayConfig({ ...production, ...GOOD, JWT_SECRET: 'short-but-random-Xy7' })).toThrow(/at least 32/);
    expect(() => parseGatewayConfig({ ...production, ...GOOD, JWT_SECRET: 'a'.repeat(40) })).toThrow(/too uniform/);
    expect(() => parseGatewayConfig({ ...production, ...GOOD, METRICS_TOKEN: example.METRICS_TOKEN ?? 'change-me-metrics-token-at-least-32-characters' })).toThrow(/METRICS_TOKEN/);
    expect(() => parseSubgraphConfig('activities', 4001, { ...production, DATABASE_URL: 'postgres://x@127.0.0.1/x', HUB_INTERNAL_SECRET: example.HUB_INTERNAL_SECRET }))
      .toThrow(/HUB_INTERNAL_SECRET/);
    const config = parseGatewayConfig({ ...production, ...GOOD, DATABASE_URL: 'postgres://x@127.0.0.1/x' });
    expect(config.clientTokens.requireExp).toBe(true);
    expect(config.registry?.approvedHosts).toEqual([]);
    expect(parseGatewayConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x' }).registry?.approvedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });
});

describe('client tokens', () => {
  const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(new SignJWT({ role: 'public', sub: 'u', ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub').setIssuedAt()).sign(secret);

  it('requires exp within the maximum lifetime, and checks iss and aud when configured', async () => {
    const tokens = new ClientTokens({ secret: GOOD.JWT_SECRET, requireExp: true, maxLifetimeSeconds: 3_600, audience: 'kepuri-api' });
    const refused = (token: string) => expect(tokens.verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await refused(await sign({}, (jwt) => jwt.setAudience('kepuri-api')));
    await refused(await sign({}, (jwt) => jwt.setAudience('kepuri-api').setExpirationTime('2h')));
    await refused(await sign({}, (jwt) => jwt.setAudience('another').setExpirationTime('10m')));
    await refused(await sign({}, (jwt) => jwt.setAudience('kepuri-api').setExpirationTime('10m').setIssuer('someone-else')));
    await expect(tokens.verify(`Bearer ${await sign({}, (jwt) => jwt.setAudience('kepuri-api').setExpirationTime('10m'))}`)).resolves.toEqual({ role: 'public', sub: 'u' });
  });

  it('verifies an OIDC provider\'s tokens through its JWKS (jose createRemoteJWKSet)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'provider-1', alg: 'RS256', use: 'sig' };
    const provider = await listening((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    try {
      const tokens = new ClientTokens({ secret: GOOD.JWT_SECRET, requireExp: true, issuer: 'https://idp.example', jwksUrl: `${provider.url}/jwks` });
      const signed = (key: KeyLike) => new SignJWT({ role: 'developer', sub: 'dev@ministry.example' })
        .setProtectedHeader({ alg: 'RS256', kid: 'provider-1' }).setIssuer('https://idp.example').setIssuedAt().setExpirationTime('10m').sign(key);
      await expect(tokens.verify(`Bearer ${await signed(privateKey)}`)).resolves.toEqual({ role: 'developer', sub: 'dev@ministry.example' });
      await expect(tokens.verify(`Bearer ${await signed(stranger.privateKey)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await provider.close();
    }
  });
});

describe('/metrics', () => {
  it('answers only its token, is refused in production without one, and stays off the main port when it has its own', async () => {
    const metrics = new Registry();
    const served = await listening(express()
      .get('/open', metricsRoute(metrics, {}, false))
      .get('/token', metricsRoute(metrics, { token: 'm3tr1cs-T0ken-for-prometheus-Xy8Qz4Lp' }, true))
      .get('/production', metricsRoute(metrics, {}, true))
      .get('/port', metricsRoute(metrics, { port: 9464 }, true)));
    try {
      const status = async (route: string, authorization?: string) => (await fetch(`${served.url}${route}`, { headers: authorization ? { authorization } : {} })).status;
      expect(await status('/open')).toBe(200);
      expect(await status('/token')).toBe(401);
      expect(await status('/token', 'Bearer wrong')).toBe(401);
      expect(await status('/token', 'Bearer m3tr1cs-T0ken-for-prometheus-Xy8Qz4Lp')).toBe(200);
      expect(await status('/production')).toBe(404);
      expect(await status('/port')).toBe(404);
    } finally {
      await served.close();
    }
  });
});
