// XEP-0004 §3: what the user is filling in on a data form, kept apart from the form itself: the first answers read from
// the form's values, the edits, what is wrong with them (required, JID fields), and the answers to submit.
import type { DataForm, FormAnswers, FormField } from '../../../shared/model/data-form.ts';
import { isTrue } from '../../../shared/model/data-form.ts';
import { parseJid } from '../../../shared/model/jid.ts';

/**
 * One field's answer in the shape its control edits: a checkbox's state, a single line (or several, one value each, for
 * text-multi and jid-multi), the chosen options of a list-multi, a hidden field's values as the form had them.
 */
export type DraftValue = boolean | string | readonly string[];

/** Answers by field var; fixed fields (and fields without a var) have none. */
export type FormDraft = Readonly<Record<string, DraftValue>>;

export type FieldProblem =
  /** §3.2 <required/>: the field has no value. */
  | { readonly var: string; readonly kind: 'required' }
  /** §3.3 jid-single, jid-multi: this value is not an address. */
  | { readonly var: string; readonly kind: 'jid'; readonly value: string };

/** The fields a draft holds an answer for: every one with a var but the fixed ones (§3.2). */
export function answerable(form: DataForm): FormField[] {
  return form.fields.filter((field) => field.var !== undefined && field.type !== 'fixed');
}

function initialValue(field: FormField): DraftValue {
  switch (field.type) {
    case 'boolean':
      return isTrue(field.values);
    case 'list-multi':
    case 'hidden':
      return field.values;
    // §3.3: several values, edited one per line.
    case 'text-multi':
    case 'jid-multi':
      return field.values.join('\n');
    default:
      return field.values[0] ?? '';
  }
}

/** The form's own values as the first answers. */
export function initialDraft(form: DataForm): FormDraft {
  return Object.fromEntries(answerable(form).map((field) => [field.var ?? '', initialValue(field)]));
}

/** One field changed; a var the form lacks, or a hidden or fixed field, is not the user's to change. */
export function editDraft(form: DataForm, draft: FormDraft, name: string, value: DraftValue): FormDraft {
  const field = form.fields.find((each) => each.var === name);
  if (!field || field.type === 'hidden' || field.type === 'fixed') return draft;
  return { ...draft, [name]: value };
}

/** A list-multi option chosen or no longer chosen, in the options' order. */
export function toggleOption(form: DataForm, draft: FormDraft, name: string, option: string, chosen: boolean): FormDraft {
  const field = form.fields.find((each) => each.var === name);
  if (field?.type !== 'list-multi') return draft;
  const current = new Set(valuesOf(field, draft));
  if (chosen) current.add(option);
  else current.delete(option);
  const ordered = field.options.map((each) => each.value).filter((value) => current.has(value));
  // Values the form had outside its options stay chosen until unticked.
  const others = [...current].filter((value) => !field.options.some((each) => each.value === value));
  return { ...draft, [name]: [...ordered, ...others] };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** What the field would submit: "1"/"0" for a boolean, one value per non-empty line of a multi-line field. */
export function valuesOf(field: FormField, draft: FormDraft): string[] {
  const value = field.var === undefined ? undefined : draft[field.var];
  if (value === undefined) return [...field.values];
  if (typeof value === 'boolean') return [value ? '1' : '0'];
  if (typeof value !== 'string') return [...value];
  if (field.type === 'text-multi') return value === '' ? [] : value.split('\n');
  if (field.type === 'jid-multi') return lines(value);
  return field.type === 'jid-single' ? [value.trim()].filter((each) => each !== '') : [value];
}

const isAddress = (text: string) => parseJid(text).ok;

/** What must be put right before the form goes: required fields left empty (§3.2), values that are not addresses (§3.3). */
export function validateDraft(form: DataForm, draft: FormDraft): FieldProblem[] {
  return answerable(form).flatMap((field): FieldProblem[] => {
    const name = field.var ?? '';
    const values = valuesOf(field, draft);
    // A checkbox always answers, true or false; a hidden field is the form's, not the user's.
    if (field.required && field.type !== 'boolean' && field.type !== 'hidden' && values.every((value) => value.trim() === '')) return [{ var: name, kind: 'required' }];
    if (field.type !== 'jid-single' && field.type !== 'jid-multi') return [];
    const wrong = values.find((value) => !isAddress(value));
    return wrong === undefined ? [] : [{ var: name, kind: 'jid', value: wrong }];
  });
}

/** §3.2: the answers to submit, every answerable field's (hidden ones too, as the form had them). */
export function draftAnswers(form: DataForm, draft: FormDraft): FormAnswers {
  return Object.fromEntries(answerable(form).map((field) => [field.var ?? '', valuesOf(field, draft)]));
}
