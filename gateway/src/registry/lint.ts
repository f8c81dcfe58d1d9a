import { Kind, parse, type ASTNode, type DocumentNode } from 'graphql';

/** A finding of the schema lint: reported with a check, never a refusal. */
export interface LintWarning {
  rule: 'MISSING_DESCRIPTION' | 'TYPE_NAME' | 'FIELD_NAME' | 'ENUM_VALUE_NAME';
  path: string;
  message: string;
}

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const UPPER_CASE = /^[A-Z][A-Z0-9_]*$/;

type Described = ASTNode & { description?: { value: string } };
const described = (node: Described) => Boolean(node.description?.value.trim());

/**
 * What the hub asks of every subgraph's SDL beyond composing (docs/publishing-a-subgraph.md):
 * a description on every type, field, argument and enum value clients see (the docs explorer shows
 * them), PascalCase types, camelCase fields and arguments, UPPER_CASE enum values. Extensions of
 * another subgraph's types need no description of the type, nor its `@external` fields (their owner gives them). An SDL that does
 * not parse has no findings (composition reports it).
 */
export function lintSubgraph(sdl: string): LintWarning[] {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch {
    return [];
  }
  const warnings: LintWarning[] = [];
  const missing = (path: string, what: string) => warnings.push({ rule: 'MISSING_DESCRIPTION', path, message: `${what} ${path} has no description` });
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const typeName = definition.name.value;
    const extension = definition.kind.endsWith('Extension');
    const isRoot = ['Query', 'Mutation', 'Subscription'].includes(typeName);
    if (!PASCAL_CASE.test(typeName)) warnings.push({ rule: 'TYPE_NAME', path: typeName, message: `Type ${typeName} should be PascalCase` });
    if (!extension && !isRoot && !described(definition as Described)) missing(typeName, 'Type');
    if ('fields' in definition && definition.fields) {
      for (const field of definition.fields) {
        const path = `${typeName}.${field.name.value}`;
        // An @external field is its owner's: described there.
        if (field.name.value.startsWith('_') || field.directives?.some((directive) => directive.name.value === 'external')) continue;
        if (!CAMEL_CASE.test(field.name.value)) warnings.push({ rule: 'FIELD_NAME', path, message: `Field ${path} should be camelCase` });
        if (!described(field as Described)) missing(path, 'Field');
        for (const argument of 'arguments' in field ? (field.arguments ?? []) : []) {
          const argumentPath = `${path}.${argument.name.value}`;
          if (!CAMEL_CASE.test(argument.name.value)) warnings.push({ rule: 'FIELD_NAME', path: argumentPath, message: `Argument ${argumentPath} should be camelCase` });
          if (!described(argument as Described)) missing(argumentPath, 'Argument');
        }
      }
    }
    if ('values' in definition && definition.values) {
      for (const value of definition.values) {
        const path = `${typeName}.${value.name.value}`;
        if (!UPPER_CASE.test(value.name.value)) warnings.push({ rule: 'ENUM_VALUE_NAME', path, message: `Enum value ${path} should be UPPER_CASE` });
        if (!described(value as Described)) missing(path, 'Enum value');
      }
    }
  }
  return warnings;
}
