import type { z } from 'zod';

/** Development defaults: `npm start` needs no configuration, production refuses them. */
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-change-me-0123456789';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';

/** Every secret a file of this repository shows as an example (.env.example, the development defaults). */
export const EXAMPLE_SECRETS: readonly string[] = [
  DEV_INTERNAL_SECRET,
  DEV_JWT_SECRET,
  'change-me-internal-secret-at-least-32-chars',
  'change-me-client-jwt-secret-at-least-32-chars',
  'change-me-metrics-token-at-least-32-characters',
];

export const MIN_SECRET_LENGTH = 32;

/** Why `value` may not be a production secret, or null when it may. */
export function productionSecretProblem(value: string | undefined): string | null {
  if (!value) return 'must be set in production';
  if (value.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters in production`;
  if (EXAMPLE_SECRETS.includes(value) || /change[-_ ]?me/i.test(value)) {
    return 'is an example value (.env.example or a development default); generate one, e.g. `openssl rand -base64 48`';
  }
  if (new Set(value).size < 10) return 'is too uniform to be a secret; generate one, e.g. `openssl rand -base64 48`';
  return null;
}

/**
 * A zod refinement for one secret variable: in production it must be set, long and not an example;
 * elsewhere, when set, at least as long.
 */
export function checkSecret(ctx: z.RefinementCtx, name: string, value: string | undefined, production: boolean): void {
  const problem = production ? productionSecretProblem(value) : value !== undefined && value.length < MIN_SECRET_LENGTH ? `must be at least ${MIN_SECRET_LENGTH} characters` : null;
  if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
}
