import { describe, expect, it } from 'vitest';
import {
  compareContacts,
  contactRows,
  groupContacts,
  matchesFilter,
  parseGroups,
  ungroupedName,
} from '../../../renderer/features/contacts/contact-rows.ts';
import { contact } from './contact-fixtures.ts';

const bob = contact('bob@example.org', { name: 'Bob', groups: ['Friends'], show: 'online' });
const anna = contact('anna@example.org', { name: 'Anna', groups: ['Friends'] });
const zed = contact('zed@example.org', { name: 'Zed', groups: ['Friends', 'Work'], show: 'dnd' });
const loner = contact('loner@example.org');
const eve = contact('eve@example.org', { name: 'Ève', groups: ['Work'] });

describe('contact list grouping and sorting', () => {
  it('puts online contacts first, then sorts by displayed name', () => {
    expect([anna, zed, bob].sort(compareContacts).map((entry) => entry.jid)).toEqual(['bob@example.org', 'zed@example.org', 'anna@example.org']);
  });

  it('sorts names with numbers in human order', () => {
    const names = ['User 10', 'User 9', 'user 1'].map((name, index) => contact(`u${index}@x.org`, { name }));
    expect(names.sort(compareContacts).map((entry) => entry.name)).toEqual(['user 1', 'User 9', 'User 10']);
  });

  it('groups by roster group, alphabetically, with contacts without a group last under “Contacts”', () => {
    const groups = groupContacts([loner, zed, anna, bob, eve]);
    expect(groups.map((group) => group.name)).toEqual(['Friends', 'Work', ungroupedName]);
    expect(groups[0]?.contacts.map((entry) => entry.name)).toEqual(['Bob', 'Zed', 'Anna']);
    expect(groups[0]?.online).toBe(2);
    expect(groups[1]?.contacts.map((entry) => entry.name)).toEqual(['Zed', 'Ève']);
    expect(groups[2]?.contacts).toEqual([loner]);
  });

  it('filters by name or address, ignoring case and accents, and drops empty groups', () => {
    expect(matchesFilter(eve, 'eve')).toBe(true);
    expect(matchesFilter(bob, 'EXAMPLE.ORG')).toBe(true);
    expect(matchesFilter(bob, 'anna')).toBe(false);
    expect(matchesFilter(bob, '  ')).toBe(true);
    expect(groupContacts([loner, zed, anna, bob, eve], 'zed').map((group) => group.name)).toEqual(['Friends', 'Work']);
  });

  it('flattens groups into header rows and contact rows, skipping the contacts of collapsed groups', () => {
    const groups = groupContacts([anna, bob, zed, loner]);
    const rows = contactRows(groups, new Set(['Friends']));
    expect(rows.map((row) => (row.kind === 'group' ? `[${row.group.name}${row.expanded ? '' : '+'}]` : row.contact.jid))).toEqual([
      '[Friends+]',
      '[Work]',
      'zed@example.org',
      `[${ungroupedName}]`,
      'loner@example.org',
    ]);
    expect(new Set(contactRows(groups, new Set()).map((row) => row.key)).size).toBe(8);
  });

  it('reads a comma-separated list of groups', () => {
    expect(parseGroups(' Friends, Work ,, Friends,')).toEqual(['Friends', 'Work']);
    expect(parseGroups('')).toEqual([]);
  });
});
