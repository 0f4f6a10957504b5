// The occupant list's rows for the virtual list: a heading per role with occupants, and what is rendered of them.
import { describe, expect, it } from 'vitest';
import type { Occupant } from '../../../shared/model/room.ts';
import { occupantRows, renderedRows } from '../../../renderer/features/rooms/occupant-rows.ts';

const occupant = (nick: string, role: Occupant['role']): Occupant => ({ nick, role, affiliation: 'none', show: 'online', self: false });

describe('occupantRows', () => {
  it('puts moderators, participants and visitors under their headings, in the order given, leaving out empty roles and none', () => {
    const rows = occupantRows([occupant('ann', 'participant'), occupant('bob', 'moderator'), occupant('cid', 'participant'), occupant('dan', 'none')]);
    expect(rows.map((row) => (row.kind === 'role' ? `# ${row.role} ${row.count}` : `${row.occupant.nick} ${row.position}`))).toEqual([
      '# moderator 1',
      'bob 1',
      '# participant 2',
      'ann 1',
      'cid 2',
    ]);
  });

  it('each occupant row knows its heading, and keys are unique', () => {
    const rows = occupantRows([occupant('ann', 'visitor'), occupant('bob', 'moderator'), occupant('cid', 'visitor')]);
    expect(rows.flatMap((row) => (row.kind === 'occupant' ? [rows[row.header]?.key] : []))).toEqual(['role:moderator', 'role:visitor', 'role:visitor']);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  it('two thousand occupants make two thousand and one rows', () => {
    const many = Array.from({ length: 2000 }, (_, index) => occupant(`user${index}`, 'participant'));
    expect(occupantRows(many)).toHaveLength(2001);
  });
});

describe('renderedRows', () => {
  const rows = occupantRows([
    occupant('mod', 'moderator'),
    ...Array.from({ length: 50 }, (_, index) => occupant(`p${index}`, 'participant')),
    ...Array.from({ length: 50 }, (_, index) => occupant(`v${index}`, 'visitor')),
  ]);
  const visitors = rows.findIndex((row) => row.key === 'role:visitor');

  it('adds the heading of every role shown, though scrolled above', () => {
    expect(renderedRows(rows, [30, 31, 32], undefined)).toEqual([2, 30, 31, 32]);
    expect(renderedRows(rows, [visitors - 1, visitors, visitors + 1], undefined)).toEqual([2, visitors - 1, visitors, visitors + 1]);
  });

  it('keeps the focused row (and its heading) rendered when scrolled away', () => {
    expect(renderedRows(rows, [0, 1, 2], visitors + 20)).toEqual([0, 1, 2, visitors, visitors + 20]);
  });

  it('a focused row no longer listed is dropped', () => {
    expect(renderedRows(rows, [0, 1], rows.length + 5)).toEqual([0, 1]);
  });
});
