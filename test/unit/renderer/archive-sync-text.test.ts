import { describe, expect, it } from 'vitest';
import { archiveSyncText } from '../../../renderer/features/chat/archive-sync-text.ts';

describe('the archive catch-up status', () => {
  it('says what is being fetched, why it stopped, or nothing once caught up', () => {
    expect(archiveSyncText(undefined)).toBe('');
    expect(archiveSyncText({ status: 'idle', fetched: 1200 })).toBe('');
    expect(archiveSyncText({ status: 'syncing', fetched: 0 })).toBe('Fetching messages from the server…');
    expect(archiveSyncText({ status: 'syncing', fetched: 1200 })).toBe('Fetching messages from the server… 1,200 so far');
    expect(archiveSyncText({ status: 'failed', fetched: 300, error: 'The server did not answer in time.' })).toBe(
      'Some messages could not be fetched from the server: The server did not answer in time. They will be fetched at the next sign-in.',
    );
  });
});
