/** `GET /api/client-portal/openapi.json?role=…` (docs/http-api.md#openapi): the roles a document is generated for. */
export const OPENAPI_ROLES = ['client', 'client-plus', 'client-manager'] as const;

/** `client-manager` is a Client with the `clientManager` flag (see "Client Manager" in docs/roles-and-capabilities.md). */
export type OpenApiRole = (typeof OPENAPI_ROLES)[number];

/** A JSON Schema of the OpenAPI 3.1 dialect (JSON Schema 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** The generated document; below its top level it is plain OpenAPI and JSON Schema. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
  };
}
