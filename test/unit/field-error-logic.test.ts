import {
  fieldErrorMessage,
  type ErrorMessages,
} from '../../src/plugins/client-portal/admin/src/utils/field-error-logic';

const MESSAGES: ErrorMessages = {
  required: ['estimates.error.required', 'Required'],
  quantity: ['estimates.error.quantity', 'A number, e.g. 1.5'],
};

describe('field errors of the admin forms', () => {
  it('gives a failed field the message of its validation code', () => {
    const errors = { title: 'required', 'lines.1.quantity': 'quantity' };
    expect(fieldErrorMessage(MESSAGES, errors, 'title')).toEqual(['estimates.error.required', 'Required']);
    expect(fieldErrorMessage(MESSAGES, errors, 'lines.1.quantity')).toEqual([
      'estimates.error.quantity',
      'A number, e.g. 1.5',
    ]);
  });

  it('gives a field that passed, or a code the form has no message for, none', () => {
    expect(fieldErrorMessage(MESSAGES, { title: 'required' }, 'company')).toBeUndefined();
    expect(fieldErrorMessage(MESSAGES, {}, 'title')).toBeUndefined();
    expect(fieldErrorMessage(MESSAGES, { title: 'order' }, 'title')).toBeUndefined();
  });
});
