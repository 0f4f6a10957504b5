// XEP-0004 §3: a <x xmlns='jabber:x:data'/> read into a DataForm.
import type { Element } from '@xmpp/xml';
import { FieldTypeSchema, isTrue, type DataForm, type FormField } from '../../../../shared/model/data-form.ts';

export const NS_DATA = 'jabber:x:data';
export const FORM_TYPE = 'FORM_TYPE';

const text = (element: Element | undefined): string | undefined => {
  const value = element?.text();
  return value === undefined || value === '' ? undefined : value;
};

function parseField(field: Element): FormField {
  // §3.3: a field without a type is text-single.
  const parsedType = FieldTypeSchema.safeParse(field.attrs.type ?? 'text-single');
  const type = parsedType.success ? parsedType.data : 'text-single';
  const raw = field.getChildren('value').map((value) => value.text());
  // §3.3: a boolean is written 0/1/false/true; kept as "1"/"0" so that a renderer has one form to read.
  const values = type === 'boolean' ? (raw.length === 0 ? [] : [isTrue(raw) ? '1' : '0']) : raw;
  const label = field.attrs.label;
  const desc = text(field.getChild('desc'));
  const name = field.attrs.var;
  return {
    ...(name === undefined ? {} : { var: name }),
    type,
    ...(label === undefined || label === '' ? {} : { label }),
    ...(desc === undefined ? {} : { desc }),
    required: field.getChild('required') !== undefined,
    options: field.getChildren('option').map((option) => {
      const optionLabel = option.attrs.label;
      return { ...(optionLabel === undefined || optionLabel === '' ? {} : { label: optionLabel }), value: option.getChildText('value') ?? '' };
    }),
    values,
  };
}

/** A data form; undefined when the element is not one. */
export function parseDataForm(x: Element | undefined): DataForm | undefined {
  if (x?.name !== 'x' || x.attrs.xmlns !== NS_DATA) return undefined;
  const type = x.attrs.type;
  if (type !== 'form' && type !== 'submit' && type !== 'cancel' && type !== 'result') return undefined;
  const fields = x.getChildren('field').map(parseField);
  // XEP-0068 §3: FORM_TYPE is a hidden field that names the form; it is not the user's to see.
  const formType = fields.find((field) => field.var === FORM_TYPE)?.values[0];
  const title = text(x.getChild('title'));
  return {
    type,
    ...(formType === undefined ? {} : { formType }),
    ...(title === undefined ? {} : { title }),
    instructions: x.getChildren('instructions').map((each) => each.text()),
    fields: fields.filter((field) => field.var !== FORM_TYPE),
  };
}

/** The first data form of that FORM_TYPE among the element's children. */
export function findDataForm(parent: Element | undefined, formType: string): DataForm | undefined {
  for (const x of parent?.getChildren('x', NS_DATA) ?? []) {
    const form = parseDataForm(x);
    if (form?.formType === formType) return form;
  }
  return undefined;
}
