import { validate, type ValidationError } from 'class-validator';
import { hubError } from './errors';

interface Violation {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix: string, into: Violation[]): Violation[] {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator's default messages start with the property name; the field says it already.
      into.push({ field, message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message });
    }
    if (error.children?.length) flatten(error.children, field, into);
  }
  return into;
}

/**
 * type-graphql's `validateFn`: runs class-validator on input and args objects and turns the first
 * violation into BAD_USER_INPUT naming the field (type-graphql's own error names none).
 */
export async function validateArgument(value: unknown, type: unknown): Promise<void> {
  if (value === null || typeof value !== 'object' || typeof type !== 'function') return;
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (item === null || typeof item !== 'object') continue;
    const violations = flatten(await validate(item as object, { forbidUnknownValues: false }), '', []);
    if (violations.length > 0) {
      const [first] = violations;
      throw hubError('BAD_USER_INPUT', `${first.field}: ${first.message}`, { field: first.field, violations });
    }
  }
}
