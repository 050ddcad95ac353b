/**
 * The values a filter compares an attribute with must fit the attribute's column:
 * PostgreSQL refuses `id = 'abc'` or an out-of-range integer with an error, so a
 * wrong value is a 400 naming it (docs/visibility.md#bad-input), never a 500. Pure.
 */

/** A problem with one filter value: answered with 400 naming `path`. */
export class OperandError extends Error {
  constructor(
    message: string,
    public readonly path: string
  ) {
    super(message);
    this.name = 'OperandError';
  }
}

const INT32 = 2 ** 31;
/** The filter operators accepted on a scalar attribute (also listed by the OpenAPI document). */
export const COMPARISONS: ReadonlySet<string> = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte']);
export const LISTS: ReadonlySet<string> = new Set(['$in', '$notIn']);
export const NULL_CHECKS: ReadonlySet<string> = new Set(['$null', '$notNull']);
export const TEXT: ReadonlySet<string> = new Set([
  '$eqi',
  '$nei',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
]);
const BOOLEANS: ReadonlySet<unknown> = new Set([true, false, 'true', 'false', '1', '0', 1, 0]);

type Kind = 'integer' | 'bigint' | 'number' | 'boolean' | 'date' | 'datetime' | 'text';

const kindOf = (type: string | undefined): Kind => {
  switch (type) {
    case 'id':
    case 'integer':
      return 'integer';
    case 'biginteger':
      return 'bigint';
    case 'float':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
    case 'timestamp':
      return 'datetime';
    default:
      return 'text';
  }
};

/** Why `value` cannot stand for a value of this kind, or null when it can. */
const problemWith = (kind: Kind, value: unknown): string | null => {
  if (value === null) return null;
  if (typeof value === 'object') return 'must be a single value, not a list or an object';
  const text = String(value);
  switch (kind) {
    case 'integer':
      return /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) < INT32 ? null : 'must be a whole number';
    case 'bigint':
      return /^-?\d{1,18}$/.test(text) ? null : 'must be a whole number';
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? null : 'must be a number';
    case 'boolean':
      return BOOLEANS.has(value) ? null : 'must be true or false';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? null : 'must be a date (YYYY-MM-DD)';
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)) ? null : 'must be a date and time';
    default:
      return null;
  }
};

const check = (kind: Kind, value: unknown, path: string) => {
  const problem = problemWith(kind, value);
  if (problem) throw new OperandError(`${path} ${problem}`, path);
};

/**
 * Checks the operand(s) of a filter on a scalar attribute of `type` (`id` for the
 * primary key): `value` is a bare value (equality) or an object of operators.
 */
export const checkOperands = (type: string | undefined, value: unknown, path: string): void => {
  const kind = kindOf(type);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (Array.isArray(value)) for (const [index, item] of value.entries()) check(kind, item, `${path}.${index}`);
    else check(kind, value, path);
    return;
  }
  for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${operator}`;
    if (operator === '$not') {
      if (typeof operand !== 'object' || operand === null) throw new OperandError(`${at} must be a filter`, at);
      checkOperands(type, operand, at);
    } else if (COMPARISONS.has(operator)) check(kind, operand, at);
    else if (LISTS.has(operator)) {
      for (const [index, item] of (Array.isArray(operand) ? operand : [operand]).entries()) {
        check(kind, item, `${at}.${index}`);
      }
    } else if (operator === '$between') {
      if (!Array.isArray(operand) || operand.length !== 2) {
        throw new OperandError(`${at} must be a list of two values`, at);
      }
      operand.forEach((item, index) => check(kind, item, `${at}.${index}`));
    } else if (NULL_CHECKS.has(operator)) check('boolean', operand, at);
    else if (TEXT.has(operator)) check('text', operand, at);
    else throw new OperandError(`${at}: "${operator}" is not a filter operator`, at);
  }
};
