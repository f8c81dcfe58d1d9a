import { z } from 'zod';

const schema = z.object({
  HUB_GATEWAY: z.string().url().default('http://127.0.0.1:4000'),
  HUB_REGISTRY_TOKEN: z.string().min(1).optional(),
  // npm run changes into the package's folder; INIT_CWD is where the command was typed.
  INIT_CWD: z.string().optional(),
});

/** `npm run subgraph`'s environment: the gateway to talk to and the bearer token (flags override both). */
export function parseRegistryCliConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  return { gateway: parsed.data.HUB_GATEWAY, token: parsed.data.HUB_REGISTRY_TOKEN, cwd: parsed.data.INIT_CWD ?? process.cwd() };
}
