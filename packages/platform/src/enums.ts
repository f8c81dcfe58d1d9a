import { registerEnumType } from 'type-graphql';

/**
 * Registers a GraphQL enum from a list of values, with a description for each value
 * (Chinese term and English gloss), and returns the enum object type-graphql needs.
 */
export function graphqlEnum<const T extends readonly string[]>(
  name: string,
  values: T,
  description: string,
  valueDescriptions: Record<T[number], string>,
): Record<T[number], T[number]> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as Record<T[number], T[number]>;
  registerEnumType(enumObject, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      values.map((value) => [value, { description: valueDescriptions[value as T[number]] }]),
    ) as never,
  });
  return enumObject;
}
