import { z } from 'zod';

const schema = z.object({
  HUB_GATEWAY: z.string().url().default('http://127.0.0.1:4000'),
  HUB_REGISTRY_TOKEN: z.string().min(1).optional(),
  // npm run changes into the package's folder; INIT_CWD is where the command was typed.
  INIT_CWD: z.string().optional(),
});

/** The registry CLIs' (`npm run subgraph`, `npm run client`) environment: the gateway to talk to and the bearer token (flags override both). */
export function parseRegistryCliConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  return { gateway: parsed.data.HUB_GATEWAY, token: parsed.data.HUB_REGISTRY_TOKEN, cwd: parsed.data.INIT_CWD ?? process.cwd() };
}

/** Exit codes of the registry CLIs. */
export const REGISTRY_EXIT = { ok: 0, refused: 1, usage: 2, auth: 3, other: 4 } as const;

/** The exit code for an HTTP status of the registry API. */
export function exitForStatus(status: number): number {
  if (status < 300) return REGISTRY_EXIT.ok;
  if (status === 409 || status === 422) return REGISTRY_EXIT.refused;
  if (status === 400) return REGISTRY_EXIT.usage;
  if (status === 401 || status === 403) return REGISTRY_EXIT.auth;
  return REGISTRY_EXIT.other;
}

/**
 * Calls the registry API of the gateway at `gateway` (an origin, or its /graphql URL) with the bearer
 * token; the answer's JSON (an answer that is not JSON becomes an error body), printed whole with `printJson`.
 */
export function registryCaller(gateway: string, token: string | undefined, printJson: boolean) {
  const origin = gateway.replace(/\/+$/, '').replace(/\/graphql$/, '');
  return async (method: string, route: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${origin}/registry${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { error: { code: `HTTP_${response.status}`, message: text.slice(0, 300) } };
    }
    if (printJson) console.log(JSON.stringify(json, null, 2));
    return { status: response.status, body: json };
  };
}
