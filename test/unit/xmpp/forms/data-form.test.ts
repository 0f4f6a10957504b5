// XEP-0004 data forms: every field type read from XML, and the submit form built back (§3.2, §3.3 rules).
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildEmptySubmit, buildSubmitForm, missingRequired } from '../../../../electron/core/xmpp/forms/data-form-build.ts';
import { findDataForm, NS_DATA, parseDataForm } from '../../../../electron/core/xmpp/forms/data-form-parse.ts';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { isTrue, type FormAnswers } from '../../../../shared/model/data-form.ts';

const ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
const value = (text: string) => xml('value', {}, text);
const option = (label: string, text: string) => xml('option', { label }, value(text));

const form = (...fields: Element[]) =>
  xml(
    'x',
    { xmlns: NS_DATA, type: 'form' },
    xml('title', {}, 'Configuration'),
    xml('instructions', {}, 'Fill in the form'),
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, value(ROOMCONFIG)),
    ...fields,
  );

const sample = form(
  xml('field', { type: 'fixed' }, value('Room settings')),
  xml('field', { var: 'name', type: 'text-single', label: 'Name' }, xml('desc', {}, 'What the room is called'), xml('required'), value('Tea')),
  xml('field', { var: 'secret', type: 'text-private', label: 'Password' }),
  xml('field', { var: 'desc', type: 'text-multi', label: 'Description' }, value('line one'), value('line two')),
  xml('field', { var: 'persistent', type: 'boolean', label: 'Persistent' }, value('true')),
  xml('field', { var: 'public', type: 'boolean', label: 'Public' }, value('0')),
  xml('field', { var: 'whois', type: 'list-single', label: 'Who sees real JIDs' }, option('Moderators', 'moderators'), option('Anyone', 'anyone'), value('moderators')),
  xml('field', { var: 'presencebroadcast', type: 'list-multi', label: 'Broadcast' }, option('Moderator', 'moderator'), option('Participant', 'participant'), value('moderator'), value('participant')),
  xml('field', { var: 'owners', type: 'jid-multi', label: 'Owners' }, value('a@example.org'), value('b@example.org')),
  xml('field', { var: 'contact', type: 'jid-single', label: 'Contact' }, value('c@example.org')),
  xml('field', { var: 'token', type: 'hidden' }, value('s3cret-token')),
  xml('field', { var: 'untyped' }, value('plain')),
);

const fieldsOf = (x: Element) => Object.fromEntries(x.getChildren('field').map((field) => [field.attrs.var as string, field.getChildren('value').map((each) => each.text())]));

describe('parseDataForm', () => {
  const parsed = parseDataForm(sample);

  it('reads the title, instructions and FORM_TYPE, and leaves FORM_TYPE out of the fields', () => {
    expect(parsed).toMatchObject({ type: 'form', formType: ROOMCONFIG, title: 'Configuration', instructions: ['Fill in the form'] });
    expect(parsed?.fields.some((field) => field.var === 'FORM_TYPE')).toBe(false);
  });

  it('reads a fixed field without a var', () => {
    expect(parsed?.fields[0]).toEqual({ type: 'fixed', required: false, options: [], values: ['Room settings'] });
  });

  it('reads a text-single with its label, desc and required flag', () => {
    expect(parsed?.fields.find((field) => field.var === 'name')).toEqual({ var: 'name', type: 'text-single', label: 'Name', desc: 'What the room is called', required: true, options: [], values: ['Tea'] });
  });

  it('reads text-private and text-multi (one value per line)', () => {
    expect(parsed?.fields.find((field) => field.var === 'secret')).toMatchObject({ type: 'text-private', values: [] });
    expect(parsed?.fields.find((field) => field.var === 'desc')).toMatchObject({ type: 'text-multi', values: ['line one', 'line two'] });
  });

  it('reads booleans written true/0 as "1"/"0" (§3.3)', () => {
    expect(parsed?.fields.find((field) => field.var === 'persistent')?.values).toEqual(['1']);
    expect(parsed?.fields.find((field) => field.var === 'public')?.values).toEqual(['0']);
    expect(isTrue(['true'])).toBe(true);
    expect(isTrue(['1'])).toBe(true);
    expect(isTrue(['false'])).toBe(false);
    expect(isTrue(['0'])).toBe(false);
    expect(isTrue([])).toBe(false);
  });

  it('reads list-single and list-multi with their options and values', () => {
    expect(parsed?.fields.find((field) => field.var === 'whois')).toMatchObject({
      type: 'list-single',
      options: [
        { label: 'Moderators', value: 'moderators' },
        { label: 'Anyone', value: 'anyone' },
      ],
      values: ['moderators'],
    });
    expect(parsed?.fields.find((field) => field.var === 'presencebroadcast')).toMatchObject({ type: 'list-multi', values: ['moderator', 'participant'] });
  });

  it('reads jid-single, jid-multi and hidden fields', () => {
    expect(parsed?.fields.find((field) => field.var === 'contact')).toMatchObject({ type: 'jid-single', values: ['c@example.org'] });
    expect(parsed?.fields.find((field) => field.var === 'owners')).toMatchObject({ type: 'jid-multi', values: ['a@example.org', 'b@example.org'] });
    expect(parsed?.fields.find((field) => field.var === 'token')).toMatchObject({ type: 'hidden', values: ['s3cret-token'] });
  });

  it('takes a field without a type as text-single (§3.3)', () => {
    expect(parsed?.fields.find((field) => field.var === 'untyped')).toMatchObject({ type: 'text-single', values: ['plain'] });
  });

  it('refuses what is not a data form, and finds one by FORM_TYPE among children', () => {
    expect(parseDataForm(xml('x', { xmlns: 'jabber:x:oob' }))).toBeUndefined();
    expect(parseDataForm(xml('x', { xmlns: NS_DATA, type: 'bogus' }))).toBeUndefined();
    const query = xml('query', {}, xml('x', { xmlns: NS_DATA, type: 'result' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, value('other'))), sample);
    expect(findDataForm(query, ROOMCONFIG)?.title).toBe('Configuration');
    expect(findDataForm(query, 'missing')).toBeUndefined();
  });
});

describe('buildSubmitForm', () => {
  const parsed = parseDataForm(sample);
  if (!parsed) throw new Error('the sample form did not parse');
  const submit = (answers: FormAnswers) => buildSubmitForm(parsed, answers);

  it('is a submit form with FORM_TYPE first, and no fixed field', () => {
    const x = submit({});
    expect(x.attrs).toEqual({ xmlns: NS_DATA, type: 'submit' });
    expect(x.getChildren('field')[0]?.attrs).toEqual({ var: 'FORM_TYPE', type: 'hidden' });
    expect(x.getChildren('field').every((field) => field.attrs.var !== undefined)).toBe(true);
    expect(fieldsOf(x).FORM_TYPE).toEqual([ROOMCONFIG]);
  });

  it('sends the form’s own values back for fields left unanswered, hidden ones included', () => {
    const fields = fieldsOf(submit({}));
    expect(fields.name).toEqual(['Tea']);
    expect(fields.token).toEqual(['s3cret-token']);
    expect(fields.persistent).toEqual(['1']);
    expect(fields.owners).toEqual(['a@example.org', 'b@example.org']);
  });

  it('never lets an answer replace a hidden field', () => {
    expect(fieldsOf(submit({ token: ['forged'] })).token).toEqual(['s3cret-token']);
  });

  it('writes booleans as 1/0 whichever way they were answered', () => {
    const fields = fieldsOf(submit({ persistent: ['false'], public: ['true'] }));
    expect(fields.persistent).toEqual(['0']);
    expect(fields.public).toEqual(['1']);
  });

  it('sends a multi field’s values as several <value/>s, and a text-multi’s lines each as one', () => {
    const fields = fieldsOf(submit({ owners: ['x@example.org', 'y@example.org', 'z@example.org'], presencebroadcast: ['moderator'], desc: ['first\nsecond'] }));
    expect(fields.owners).toEqual(['x@example.org', 'y@example.org', 'z@example.org']);
    expect(fields.presencebroadcast).toEqual(['moderator']);
    expect(fields.desc).toEqual(['first', 'second']);
  });

  it('round-trips: the submitted form parses back to the answers', () => {
    const again = parseDataForm(submit({ name: ['Coffee'], secret: ['pw'], whois: ['anyone'], contact: ['d@example.org'] }));
    const byVar: Record<string, string[]> = Object.fromEntries((again?.fields ?? []).map((field) => [field.var ?? '', field.values]));
    expect(again?.type).toBe('submit');
    expect(again?.formType).toBe(ROOMCONFIG);
    expect(byVar).toMatchObject({ name: ['Coffee'], secret: ['pw'], whois: ['anyone'], contact: ['d@example.org'], untyped: ['plain'] });
  });

  it('refuses several values for a single-valued field', () => {
    expect(() => submit({ whois: ['moderators', 'anyone'] })).toThrow(CausetteError);
  });

  it('refuses a submission that empties a required field', () => {
    expect(missingRequired(parsed, { name: [''] })).toEqual(['name']);
    expect(() => submit({ name: [] })).toThrow(/must be filled in: Name/);
  });

  it('builds the empty submit of an instant room (XEP-0045 §10.1.2)', () => {
    expect(buildEmptySubmit().toString()).toBe(`<x xmlns="${NS_DATA}" type="submit"/>`);
  });
});
