// XEP-0004 §3.2: the 'submit' answer to a form, from the form and the user's answers.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { isTrue, multiValued, type DataForm, type FormAnswers, type FormField } from '../../../../shared/model/data-form.ts';
import { FORM_TYPE, NS_DATA } from './data-form-parse.ts';

function submittedValues(field: FormField, answers: FormAnswers): readonly string[] {
  const given = field.var === undefined || field.type === 'hidden' ? undefined : answers[field.var];
  const values = given ?? field.values;
  // §3.3: a boolean goes back as "1" or "0"; a text-multi line per <value/>.
  if (field.type === 'boolean') return values.length === 0 ? [] : [isTrue(values) ? '1' : '0'];
  if (field.type === 'text-multi') return values.flatMap((value) => value.split('\n'));
  return values;
}

/** The fields a submission lacks although the form requires them (§3.2 <required/>). */
export function missingRequired(form: DataForm, answers: FormAnswers): string[] {
  return form.fields.filter((field) => field.required && field.var !== undefined && submittedValues(field, answers).every((value) => value === '')).map((field) => field.var ?? '');
}

/**
 * §3.2: every field with a var but the fixed ones, with the answer where one was given and the form's value otherwise;
 * hidden fields and FORM_TYPE always go back as the form had them.
 */
export function buildSubmitForm(form: DataForm, answers: FormAnswers): Element {
  for (const field of form.fields) {
    const values = field.var === undefined ? undefined : answers[field.var];
    if (values !== undefined && values.length > 1 && !multiValued.has(field.type)) {
      throw new CausetteError('bad-request', `The field “${field.label ?? field.var ?? ''}” takes one value.`, undefined, { context: 'formOneValue', field: field.label ?? field.var ?? '' });
    }
  }
  const missing = missingRequired(form, answers);
  if (missing.length > 0) {
    const names = missing.map((name) => form.fields.find((field) => field.var === name)?.label ?? name).join(', ');
    throw new CausetteError('bad-request', `These fields must be filled in: ${names}.`, undefined, { context: 'formRequired', fields: names });
  }
  const fields = form.fields.filter((field) => field.var !== undefined && field.type !== 'fixed');
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    form.formType === undefined ? undefined : xml('field', { var: FORM_TYPE, type: 'hidden' }, xml('value', {}, form.formType)),
    ...fields.map((field) => xml('field', { var: field.var }, ...submittedValues(field, answers).map((value) => xml('value', {}, value)))),
  );
}

/** §3.2: an empty submit of a FORM_TYPE (XEP-0045 §10.1.2: accepting the default configuration, an instant room). */
export function buildEmptySubmit(): Element {
  return xml('x', { xmlns: NS_DATA, type: 'submit' });
}
