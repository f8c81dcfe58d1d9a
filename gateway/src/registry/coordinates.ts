import {
  TypeInfo,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * The schema coordinates a document uses, sorted: `Type.field` for every field it selects, the
 * type that holds it and the type it returns, `Type.field.argument` for every argument it passes, the input and
 * enum types of its variables and arguments, `Input.field` for input fields written as literals and
 * `Enum.VALUE` for enum literals. Introspection (`__schema`, `__type`, `__typename`) is left out.
 * What a change removes or retypes is found among these (policy.ts).
 */
export function schemaCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__')) return;
        found.add(parent.name);
        found.add(`${parent.name}.${node.name.value}`);
        // The type it returns (a union or interface is otherwise named only by its members' fields).
        const returned = typeInfo.getType();
        if (returned && isCompositeType(getNamedType(returned))) found.add(getNamedType(returned).name);
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!argument || !field || !parent) return;
        found.add(`${parent.name}.${field.name}.${node.name.value}`);
        const named = getNamedType(argument.type);
        if (isInputObjectType(named) || isEnumType(named)) found.add(named.name);
      },
      VariableDefinition() {
        const named = typeInfo.getInputType() ? getNamedType(typeInfo.getInputType()!) : null;
        if (named && (isInputObjectType(named) || isEnumType(named))) found.add(named.name);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : null;
        if (named && isInputObjectType(named)) found.add(`${named.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        const named = type ? getNamedType(type) : null;
        if (named && isEnumType(named)) found.add(`${named.name}.${node.value}`);
      },
    }),
  );
  return [...found].sort();
}
