/** Controller input: zod schemas and the parser that turns a failure into a 400 naming the field. */
export { parse } from './parse';
export { isoDate } from './common';
