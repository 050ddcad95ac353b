import fs from 'fs';
import path from 'path';
import { toModelInfo, type SchemaInput } from '../../src/plugins/client-portal/server/src/access/model';
import type { ModelInfo } from '../../src/plugins/client-portal/server/src/access/rules';

/** The app's real schemas and declarations, read as the access service reads them (access/model.ts). */
const SRC = path.resolve(__dirname, '..', '..', 'src');

const load = (file: string): SchemaInput => JSON.parse(fs.readFileSync(path.join(SRC, file), 'utf8'));

export const MODELS: Record<string, ModelInfo> = Object.fromEntries(
  fs
    .readdirSync(path.join(SRC, 'api'))
    .map((name) => [
      `api::${name}.${name}`,
      toModelInfo(`api::${name}.${name}`, load(`api/${name}/content-types/${name}/schema.json`)),
    ])
);
MODELS['plugin::users-permissions.user'] = toModelInfo(
  'plugin::users-permissions.user',
  load('extensions/users-permissions/content-types/user/schema.json')
);

export const lookup = (uid: string): ModelInfo | undefined => MODELS[uid];
