// The occupant list as flat rows for the virtual list (a room may hold thousands): a heading per role (XEP-0045 §5.1),
// then its occupants in the order given.
import type { Occupant, Role } from '../../../shared/model/room.ts';

export const listedRoles = ['moderator', 'participant', 'visitor'] as const satisfies readonly Role[];
export type ListedRole = (typeof listedRoles)[number];

export type OccupantRow =
  | { readonly kind: 'role'; readonly key: string; readonly role: ListedRole; readonly count: number }
  /** position: 1-based, within its role. */
  | { readonly kind: 'occupant'; readonly key: string; readonly role: ListedRole; readonly occupant: Occupant; readonly position: number; readonly header: number };

/** A heading row for each role that has occupants, then theirs; roles without any, and 'none', are left out. */
export function occupantRows(occupants: readonly Occupant[]): OccupantRow[] {
  const rows: OccupantRow[] = [];
  for (const role of listedRoles) {
    const members = occupants.filter((occupant) => occupant.role === role);
    if (members.length === 0) continue;
    const header = rows.length;
    rows.push({ kind: 'role', key: `role:${role}`, role, count: members.length });
    members.forEach((occupant, at) => rows.push({ kind: 'occupant', key: `nick:${occupant.nick}`, role, occupant, position: at + 1, header }));
  }
  return rows;
}

/**
 * The rows to render: those in view, with the heading of every role they show (which names its list), and the row
 * that has the keyboard focus even when scrolled away (unrendering it would lose the focus).
 */
export function renderedRows(rows: readonly OccupantRow[], inView: readonly number[], focused: number | undefined): number[] {
  const indexes = new Set(inView);
  for (const index of inView) {
    const row = rows[index];
    if (row?.kind === 'occupant') indexes.add(row.header);
  }
  const kept = focused === undefined ? undefined : rows[focused];
  if (kept && focused !== undefined) {
    indexes.add(focused);
    if (kept.kind === 'occupant') indexes.add(kept.header);
  }
  return [...indexes].filter((index) => index >= 0 && index < rows.length).sort((a, b) => a - b);
}
