import { bodyGuard } from './body-guard';
import { queryGuard } from './query-guard';
import { nameInvalidFields } from './validation-message';

export default {
  'body-guard': () => bodyGuard,
  'query-guard': () => queryGuard,
  'validation-message': () => nameInvalidFields,
};
