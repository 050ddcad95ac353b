/** A relation reference in write data, by documentId or numeric id. */
export type Reference = { documentId: string } | { id: number };

type Data = Record<string, unknown>;

/**
 * The one relation a write names in any of Strapi's shapes ("docId", 7, {documentId},
 * {connect: […]}, {set: […]}, {disconnect: […]}): `undefined` when not touched, `null` when cleared.
 */
export const singleReference = (value: unknown): Reference | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length > 0 ? singleReference(value[value.length - 1]) : null;
  if (typeof value === 'object') {
    const record = value as Data;
    if ('set' in record) return singleReference(record.set ?? null);
    const connect = record.connect === undefined ? [] : [record.connect].flat();
    if (connect.length > 0) return singleReference(connect[connect.length - 1]);
    if ('disconnect' in record) return [record.disconnect].flat().length > 0 ? null : undefined;
    if (typeof record.documentId === 'string') return { documentId: record.documentId };
    if (record.id !== undefined) return { id: Number(record.id) };
  }
  return undefined;
};

export const whereOf = (reference: Reference) => ('documentId' in reference ? reference : { id: reference.id });
