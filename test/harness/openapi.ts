import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/plugins/client-portal/shared/contracts';

/** Where ajv finds the document's `components.schemas`: `#/components/schemas/X` is read as `${BASE}#/$defs/X`. */
const BASE = 'https://openapi.test/document.json';

type Json = Record<string, any>;

/**
 * ajv on JSON Schema 2020-12 (the OpenAPI 3.1 dialect) over one OpenAPI document, strict: an
 * unknown keyword or format, or a malformed schema, fails to compile.
 */
export const openApiValidator = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  const local = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).split('"#/components/schemas/').join(`"${BASE}#/$defs/`));
  ajv.addSchema({ $id: BASE, $defs: local(document.components.schemas) });
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Json) => {
    const known = compiled.get(key);
    if (known) return known;
    const validate = ajv.compile(local(schema));
    compiled.set(key, validate);
    return validate;
  };
  const response = (value: Json | undefined): Json | undefined => {
    const name = /^#\/components\/responses\/(.+)$/.exec(value?.$ref ?? '')?.[1];
    return name ? (document.components.responses[name] as Json) : value;
  };
  const operations = () =>
    Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({ template, method, operation: operation as Json }))
    );

  return {
    operations,

    /** Compiles every component schema and the schema of every parameter, request body and response. */
    compileAll(): number {
      let count = 0;
      for (const name of Object.keys(document.components.schemas)) {
        if (!ajv.getSchema(`${BASE}#/$defs/${name}`)) throw new Error(`schema ${name} does not compile`);
        count += 1;
      }
      for (const { template, method, operation } of operations()) {
        const at = `${method} ${template}`;
        for (const parameter of operation.parameters ?? []) compile(`${at} ${parameter.name}`, parameter.schema);
        for (const [type, content] of Object.entries(operation.requestBody?.content ?? {}) as [string, Json][]) {
          compile(`${at} body ${type}`, content.schema);
        }
        for (const [status, value] of Object.entries(operation.responses) as [string, Json][]) {
          for (const [type, content] of Object.entries(response(value)?.content ?? {}) as [string, Json][]) {
            if (content.schema) compile(`${at} ${status} ${type}`, content.schema);
          }
        }
        count += 1;
      }
      return count;
    },

    /** How a real JSON response differs from what the document says of that operation and status (null: it matches). */
    problems(method: string, template: string, status: number, body: unknown): ErrorObject[] | null {
      const operation = document.paths[template]?.[method.toLowerCase()] as Json | undefined;
      if (!operation) throw new Error(`${method} ${template} is not in the document`);
      const documented = response(operation.responses[String(status)]);
      if (!documented)
        throw new Error(`${method} ${template} documents no ${status} (the body: ${JSON.stringify(body)})`);
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${template} ${status} has no JSON body`);
      const validate = compile(`${method.toLowerCase()} ${template} ${status} application/json`, schema);
      return validate(body) ? null : (validate.errors ?? null);
    },

    /** Validates a value against one named component schema. */
    matches(name: string, value: unknown): boolean {
      const validate = ajv.getSchema(`${BASE}#/$defs/${name}`);
      if (!validate) throw new Error(`no schema ${name}`);
      return validate(value) as boolean;
    },
  };
};

export type OpenApiValidator = ReturnType<typeof openApiValidator>;
