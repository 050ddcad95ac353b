import fs from 'fs';
import path from 'path';
import { readDeclaration } from '../../src/plugins/client-portal/server/src/access/declaration';
import type { ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';

/** The app's real schemas and declarations, as the access service would read them. */
const SRC = path.resolve(__dirname, '..', '..', 'src');

interface SchemaFile {
  attributes: Record<
    string,
    { type: string; target?: string; relation?: string; component?: string; private?: boolean }
  >;
  pluginOptions?: Record<string, unknown>;
}

const toModel = (uid: string, schema: SchemaFile): ModelInfo => ({
  uid,
  attributes: Object.fromEntries(
    Object.entries(schema.attributes).map(([name, attribute]) => [
      name,
      {
        type: attribute.type,
        target: attribute.type === 'component' ? attribute.component : attribute.target,
        relation: attribute.relation,
        private: attribute.private === true,
      },
    ])
  ),
  access: readDeclaration(uid, schema.pluginOptions, {
    id: { type: 'increments' },
    documentId: { type: 'string' },
    ...schema.attributes,
  }),
});

const load = (file: string): SchemaFile => JSON.parse(fs.readFileSync(path.join(SRC, file), 'utf8'));

export const MODELS: Record<string, ModelInfo> = Object.fromEntries(
  fs
    .readdirSync(path.join(SRC, 'api'))
    .map((name) => [
      `api::${name}.${name}`,
      toModel(`api::${name}.${name}`, load(`api/${name}/content-types/${name}/schema.json`)),
    ])
);
MODELS['plugin::users-permissions.user'] = toModel(
  'plugin::users-permissions.user',
  load('extensions/users-permissions/content-types/user/schema.json')
);

export const lookup = (uid: string): ModelInfo | undefined => MODELS[uid];
