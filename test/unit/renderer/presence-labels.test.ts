import { describe, expect, it } from 'vitest';
import {
  agoLabel,
  contactStateLabel,
  lastSeenLabel,
  displayName,
  ownShowLabel,
  ownShowOptions,
  showLabel,
  stateClass,
  subscriptionLabel,
} from '../../../renderer/features/presence/labels.ts';
import { subscriptionActions } from '../../../renderer/features/contacts/subscription-actions.ts';
import { contact } from './contact-fixtures.ts';

describe('presence in words', () => {
  it('names every show value, dnd as “Do not disturb” as in the Status menu', () => {
    expect(['chat', 'online', 'away', 'xa', 'dnd', 'offline'].map((show) => showLabel(show as never))).toEqual([
      'Free for chat',
      'Online',
      'Away',
      'Extended away',
      'Do not disturb',
      'Offline',
    ]);
  });

  it('lists the own states in the Status menu order', () => {
    expect(ownShowOptions.map(ownShowLabel)).toEqual(['Available', 'Free for chat', 'Away', 'Extended away', 'Do not disturb', 'Invisible', 'Offline']);
  });

  it('does not claim “Offline” for a contact that does not share presence', () => {
    expect(contactStateLabel(contact('a@x.org', { subscription: 'none' }))).toBe('Not sharing presence');
    expect(contactStateLabel(contact('a@x.org', { subscription: 'from' }))).toBe('Not sharing presence');
    expect(contactStateLabel(contact('a@x.org', { subscription: 'to', show: 'dnd' }))).toBe('Do not disturb');
    expect(stateClass(contact('a@x.org', { subscription: 'none' }))).toBe('presence-unknown');
    expect(stateClass(contact('a@x.org', { show: 'away' }))).toBe('presence-away');
  });

  it('says an error presence is one', () => {
    expect(contactStateLabel(contact('a@x.org', { presenceError: 'Remote server not found' }))).toBe('Presence error');
  });

  it('tells the subscription state honestly, with a pending request', () => {
    expect(subscriptionLabel(contact('a@x.org'))).toBe('You see each other’s presence.');
    expect(subscriptionLabel(contact('a@x.org', { subscription: 'none', pendingOut: true }))).toBe(
      'Neither of you sees the other’s presence. Your request to see their presence is waiting for their approval.',
    );
    expect(subscriptionLabel(contact('a@x.org', { subscription: 'to', approved: true }))).toContain('pre-approved');
  });

  it('shows the roster name, or the address when there is none', () => {
    expect(displayName({ jid: 'a@x.org', name: 'Ann' })).toBe('Ann');
    expect(displayName({ jid: 'a@x.org', name: '  ' })).toBe('a@x.org');
    expect(displayName({ jid: 'a@x.org' })).toBe('a@x.org');
  });
});

describe('subscription actions', () => {
  const labels = (fields: Parameters<typeof contact>[1]) => subscriptionActions(contact('a@x.org', fields)).map((action) => action.label);

  it('offers what changes something in each state', () => {
    expect(labels({ subscription: 'both' })).toEqual(['Stop sharing my presence', 'Stop receiving presence']);
    expect(labels({ subscription: 'to' })).toEqual(['Pre-approve sharing my presence', 'Stop receiving presence']);
    expect(labels({ subscription: 'from' })).toEqual(['Request subscription', 'Stop sharing my presence']);
    expect(labels({ subscription: 'none', pendingOut: true, approved: true })).toEqual(['Cancel my request']);
  });
});

describe('last seen', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');

  it('says how long ago in words', () => {
    expect(agoLabel(now - 20_000, now)).toBe('just now');
    expect(agoLabel(now - 60_000, now)).toBe('1 minute ago');
    expect(agoLabel(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(agoLabel(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(agoLabel(now - 49 * 3_600_000, now)).toBe('2 days ago');
    expect(agoLabel(now + 60_000, now)).toBe('just now');
  });

  it('shows when an offline contact was last seen, and an online one idle since when', () => {
    expect(lastSeenLabel(contact('bob@example.org', { show: 'offline', lastSeen: now - 2 * 3_600_000 }), now)).toBe('Last seen 2 hours ago');
    expect(lastSeenLabel(contact('bob@example.org', { show: 'offline' }), now)).toBeUndefined();
    const idle = contact('bob@example.org', {
      show: 'away',
      resources: [{ resource: 'laptop', show: 'away', priority: 0, idleSince: now - 10 * 60_000 }],
    });
    expect(lastSeenLabel(idle, now)).toBe('Idle for 10 minutes');
    expect(lastSeenLabel(contact('bob@example.org', { show: 'online', resources: [{ resource: 'r', show: 'online', priority: 0 }] }), now)).toBeUndefined();
  });
});
