import { useState } from 'react';
import { fieldErrorMessage, type ErrorMessages, type FieldErrors } from './field-error-logic';
import { useLabel } from './use-label';

/**
 * A form's field errors as the validation codes its payload check returned, and `error(key)`:
 * the field's translated message for `Field.Root`'s `error`, or undefined when it passed.
 */
export const useFieldErrors = (messages: ErrorMessages) => {
  const { label } = useLabel();
  const [errors, setErrors] = useState<FieldErrors>({});
  const error = (key: string) => {
    const message = fieldErrorMessage(messages, errors, key);
    return message && label(...message);
  };
  return { error, setErrors };
};
