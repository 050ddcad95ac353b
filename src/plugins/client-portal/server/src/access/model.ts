import { readDeclaration } from './declaration';
import type { AttributeInfo, ModelInfo } from './rules';

/** An attribute as a schema file or Strapi's loaded model gives it. */
export interface SchemaAttribute {
  type: string;
  target?: string;
  relation?: string;
  component?: string;
  private?: boolean;
}

export interface SchemaInput {
  attributes: Record<string, SchemaAttribute>;
  pluginOptions?: Record<string, unknown>;
}

/** Attributes every row has although a schema file does not list them: a declaration may name them. */
const ROW_IDENTITY = { id: { type: 'increments' }, documentId: { type: 'string' } };

/**
 * A content type as the rules see it: its attributes and its validated access declaration
 * (docs/visibility.md). Used by the access service on Strapi's loaded models and by the
 * unit tests on the schema files themselves, so both judge the same model.
 */
export const toModelInfo = (uid: string, schema: SchemaInput): ModelInfo => {
  const attributes: Record<string, AttributeInfo> = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    attributes[name] = {
      type: attribute.type,
      target: attribute.type === 'component' ? attribute.component : attribute.target,
      relation: attribute.relation,
      private: attribute.private === true,
    };
  }
  const access = readDeclaration(uid, schema.pluginOptions, { ...ROW_IDENTITY, ...attributes });
  return { uid, attributes, access };
};
