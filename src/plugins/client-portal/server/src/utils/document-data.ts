import type { Modules, UID } from '@strapi/strapi';

type Input<U extends UID.ContentType> = Modules.Documents.Params.Data.Input<U>;

/** What a document-service write may send: the schema's attributes and input types, each optional, null clearing. */
export type DocumentData<U extends UID.ContentType> = { [K in keyof Input<U>]?: Input<U>[K] | null };

/**
 * Data for `strapi.documents(uid).create`, checked against the schema's attribute names and
 * input types. Strapi's generated `Input` asks for every required attribute, also those the
 * document service fills with their default (a project's currency, state and flags), and takes
 * no null, which the service stores for an optional attribute: this is the one cast across
 * that gap in Strapi's typings.
 */
export const documentData = <U extends UID.ContentType>(_uid: U, data: DocumentData<U>): Input<U> => data as Input<U>;
