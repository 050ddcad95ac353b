import { queryGuard } from './query-guard';
import { nameInvalidFields } from './validation-message';

export default {
  'query-guard': () => queryGuard,
  'validation-message': () => nameInvalidFields,
};
