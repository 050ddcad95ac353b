import { nameInvalidFields } from './validation-message';

export default { nameInvalidFields: () => nameInvalidFields };
