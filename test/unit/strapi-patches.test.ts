import { readFileSync } from 'fs';
import { traverseEntity } from '@strapi/utils';

/**
 * patches/ (applied by `npm install`'s postinstall, patch-package): Strapi's entity traversal
 * copies each key's path with an object literal instead of `{ ...path }`, whose clone site went
 * megamorphic in about a third of the processes and slowed every response by a third or more
 * (docs/benchmarks.md, "A Strapi hot path, patched"). The paths it hands to visitors are unchanged.
 */

const SOURCES = ['traverse-entity.js', 'traverse-entity.mjs'].map((file) =>
  readFileSync(require.resolve(`@strapi/utils/dist/${file}`), 'utf8')
);

type Model = Parameters<typeof traverseEntity>[1]['schema'];

const models: Record<string, Model> = {
  'api::task.task': {
    uid: 'api::task.task',
    modelType: 'contentType',
    kind: 'collectionType',
    modelName: 'task',
    info: { singularName: 'task', pluralName: 'tasks', displayName: 'Task' },
    options: {},
    attributes: {
      title: { type: 'string' },
      comments: { type: 'relation', relation: 'oneToMany', target: 'api::comment.comment' },
    },
  } as unknown as Model,
  'api::comment.comment': {
    uid: 'api::comment.comment',
    modelType: 'contentType',
    kind: 'collectionType',
    modelName: 'comment',
    info: { singularName: 'comment', pluralName: 'comments', displayName: 'Comment' },
    options: {},
    attributes: { body: { type: 'text' } },
  } as unknown as Model,
};

describe('patched Strapi entity traversal', () => {
  it('is applied to both builds of @strapi/utils (npm install ran patch-package)', () => {
    for (const source of SOURCES) {
      expect(source).not.toMatch(/const newPath = \{\s*\.\.\.path\s*\};/);
      expect(source).toContain('rawWithIndices: path.rawWithIndices');
    }
  });

  it('hands visitors the same paths as before, at every depth and index', async () => {
    const seen: string[] = [];
    const entity = {
      id: 1,
      title: 'Launch',
      comments: [
        { id: 2, body: 'a' },
        { id: 3, body: 'b' },
      ],
    };
    const result = await traverseEntity(
      ({ path }) => {
        seen.push(`${path.raw}|${path.attribute}|${path.rawWithIndices}`);
      },
      { schema: models['api::task.task'], getModel: (uid: string) => models[uid] },
      entity
    );
    expect(result).toEqual(entity);
    expect(seen).toEqual([
      'id|null|id',
      'title|title|title',
      'comments|comments|comments',
      'comments.id|comments|comments.0.id',
      'comments.body|comments.body|comments.0.body',
      'comments.id|comments|comments.1.id',
      'comments.body|comments.body|comments.1.body',
    ]);
  });
});
