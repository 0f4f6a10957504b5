// The data form draft (XEP-0004): first answers from the form for every field type, edits, validation, answers out.
import { describe, expect, it } from 'vitest';
import type { DataForm, FormField } from '../../../shared/model/data-form.ts';
import { draftAnswers, editDraft, initialDraft, toggleOption, validateDraft } from '../../../renderer/components/data-form/form-draft.ts';

const field = (extra: Partial<FormField> & Pick<FormField, 'type'>): FormField => ({ required: false, options: [], values: [], ...extra });
const options = (...values: string[]) => values.map((value) => ({ label: value.toUpperCase(), value }));

const form: DataForm = {
  type: 'form',
  formType: 'http://jabber.org/protocol/muc#roomconfig',
  title: 'Room configuration',
  instructions: ['Fill in the form'],
  fields: [
    field({ type: 'fixed', values: ['Room settings'] }),
    field({ var: 'name', type: 'text-single', label: 'Name', required: true, values: ['Tea'] }),
    field({ var: 'secret', type: 'text-private', label: 'Password' }),
    field({ var: 'desc', type: 'text-multi', values: ['line one', 'line two'] }),
    field({ var: 'persistent', type: 'boolean', values: ['1'] }),
    field({ var: 'public', type: 'boolean' }),
    field({ var: 'whois', type: 'list-single', options: options('moderators', 'anyone'), values: ['moderators'] }),
    field({ var: 'broadcast', type: 'list-multi', options: options('moderator', 'participant', 'visitor'), values: ['moderator', 'visitor'] }),
    field({ var: 'contact', type: 'jid-single', values: ['c@example.org'] }),
    field({ var: 'owners', type: 'jid-multi', values: ['a@example.org', 'b@example.org'] }),
    field({ var: 'token', type: 'hidden', values: ['s3cret-token'] }),
  ],
};

describe('initialDraft', () => {
  const draft = initialDraft(form);

  it('holds every field with a var but the fixed ones', () => {
    expect(Object.keys(draft).sort()).toEqual(['broadcast', 'contact', 'desc', 'name', 'owners', 'persistent', 'public', 'secret', 'token', 'whois']);
  });

  it('reads text-single, text-private, jid-single and list-single as one line', () => {
    expect(draft).toMatchObject({ name: 'Tea', secret: '', contact: 'c@example.org', whois: 'moderators' });
  });

  it('reads a boolean as a checkbox state, false when it has no value', () => {
    expect(draft).toMatchObject({ persistent: true, public: false });
  });

  it('reads text-multi and jid-multi one value per line', () => {
    expect(draft).toMatchObject({ desc: 'line one\nline two', owners: 'a@example.org\nb@example.org' });
  });

  it('reads list-multi as the chosen options and keeps hidden values', () => {
    expect(draft).toMatchObject({ broadcast: ['moderator', 'visitor'], token: ['s3cret-token'] });
  });
});

describe('answers out', () => {
  it('an untouched form answers what it had, booleans as 1 and 0, hidden fields included', () => {
    expect(draftAnswers(form, initialDraft(form))).toEqual({
      name: ['Tea'],
      secret: [''],
      desc: ['line one', 'line two'],
      persistent: ['1'],
      public: ['0'],
      whois: ['moderators'],
      broadcast: ['moderator', 'visitor'],
      contact: ['c@example.org'],
      owners: ['a@example.org', 'b@example.org'],
      token: ['s3cret-token'],
    });
  });

  it('edits of every editable type come out as values', () => {
    let draft = initialDraft(form);
    draft = editDraft(form, draft, 'name', 'Coffee');
    draft = editDraft(form, draft, 'secret', 'hunter2');
    draft = editDraft(form, draft, 'desc', 'one\n\nthree');
    draft = editDraft(form, draft, 'persistent', false);
    draft = editDraft(form, draft, 'public', true);
    draft = editDraft(form, draft, 'whois', 'anyone');
    draft = editDraft(form, draft, 'contact', '  d@example.org ');
    draft = editDraft(form, draft, 'owners', ' a@example.org\n\n e@example.org \n');
    expect(draftAnswers(form, draft)).toMatchObject({
      name: ['Coffee'],
      secret: ['hunter2'],
      // A text-multi keeps its empty lines: they are part of the text.
      desc: ['one', '', 'three'],
      persistent: ['0'],
      public: ['1'],
      whois: ['anyone'],
      contact: ['d@example.org'],
      // A jid-multi is one address per line, blank lines and spaces dropped.
      owners: ['a@example.org', 'e@example.org'],
    });
  });

  it('an emptied text-multi and jid-single answer no value', () => {
    let draft = editDraft(form, initialDraft(form), 'desc', '');
    draft = editDraft(form, draft, 'contact', ' ');
    expect(draftAnswers(form, draft)).toMatchObject({ desc: [], contact: [] });
  });

  it('list-multi options are chosen and unchosen in the options’ order', () => {
    let draft = toggleOption(form, initialDraft(form), 'broadcast', 'participant', true);
    expect(draft['broadcast']).toEqual(['moderator', 'participant', 'visitor']);
    draft = toggleOption(form, draft, 'broadcast', 'moderator', false);
    expect(draftAnswers(form, draft)['broadcast']).toEqual(['participant', 'visitor']);
  });

  it('a value the form had outside its options stays until unticked', () => {
    const odd: DataForm = { ...form, fields: [field({ var: 'roles', type: 'list-multi', options: options('a', 'b'), values: ['z'] })] };
    const draft = toggleOption(odd, initialDraft(odd), 'roles', 'b', true);
    expect(draft['roles']).toEqual(['b', 'z']);
    expect(toggleOption(odd, draft, 'roles', 'z', false)['roles']).toEqual(['b']);
  });

  it('hidden and fixed fields, and vars the form lacks, cannot be edited', () => {
    const draft = initialDraft(form);
    expect(editDraft(form, draft, 'token', ['forged'])).toBe(draft);
    expect(editDraft(form, draft, 'nonsense', 'x')).toBe(draft);
    expect(toggleOption(form, draft, 'whois', 'anyone', true)).toBe(draft);
    expect(draftAnswers(form, draft)['token']).toEqual(['s3cret-token']);
  });
});

describe('validateDraft', () => {
  it('a form as the server sent it is valid', () => {
    expect(validateDraft(form, initialDraft(form))).toEqual([]);
  });

  it('a required text field left empty, or only spaces, is reported', () => {
    expect(validateDraft(form, editDraft(form, initialDraft(form), 'name', '   '))).toEqual([{ var: 'name', kind: 'required' }]);
  });

  it('required fields of every kind but boolean and hidden must have a value', () => {
    const required: DataForm = {
      type: 'form',
      instructions: [],
      fields: [
        field({ var: 'private', type: 'text-private', required: true }),
        field({ var: 'multi', type: 'text-multi', required: true }),
        field({ var: 'single', type: 'list-single', required: true, options: options('x') }),
        field({ var: 'many', type: 'list-multi', required: true, options: options('x') }),
        field({ var: 'who', type: 'jid-single', required: true }),
        field({ var: 'whom', type: 'jid-multi', required: true }),
        field({ var: 'flag', type: 'boolean', required: true }),
        field({ var: 'secret', type: 'hidden', required: true }),
      ],
    };
    const draft = initialDraft(required);
    expect(validateDraft(required, draft).map((problem) => problem.var)).toEqual(['private', 'multi', 'single', 'many', 'who', 'whom']);
    const filled = [
      ['private', 'p'],
      ['multi', 'm'],
      ['single', 'x'],
      ['many', ['x']],
      ['who', 'w@example.org'],
      ['whom', 'v@example.org'],
    ] as const;
    expect(validateDraft(required, filled.reduce((each, [name, value]) => editDraft(required, each, name, value), draft))).toEqual([]);
  });

  it('a jid-single that is not an address is reported with the value', () => {
    expect(validateDraft(form, editDraft(form, initialDraft(form), 'contact', 'not an address'))).toEqual([{ var: 'contact', kind: 'jid', value: 'not an address' }]);
  });

  it('a jid-multi reports its first line that is not an address', () => {
    const draft = editDraft(form, initialDraft(form), 'owners', 'a@example.org\n@nobody\nalso bad@');
    expect(validateDraft(form, draft)).toEqual([{ var: 'owners', kind: 'jid', value: '@nobody' }]);
  });
});
