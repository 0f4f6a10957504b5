// Which messages show as a shared file, and under what name: aesgcm:// bodies always, http(s) bodies only when the stanza
// shared the same URL out of band; and the downloads a message's card follows.
import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { sharedFileOf } from '../../../renderer/features/transfers/shared-file.ts';
import { applyTransfer, initialTransfers, selectConversationTransfers, selectMessageDownload } from '../../../renderer/stores/transfers.ts';

const secrets = `${'ab'.repeat(12)}${'cd'.repeat(32)}`;

describe('shared files in messages', () => {
  it('reads an aesgcm:// body as an encrypted file named by its last path segment', () => {
    expect(sharedFileOf({ body: `aesgcm://upload.example/abc/holiday%20photo.jpg#${secrets}` })).toEqual({
      url: `aesgcm://upload.example/abc/holiday%20photo.jpg#${secrets}`,
      name: 'holiday photo.jpg',
      encrypted: true,
    });
    expect(sharedFileOf({ body: `aesgcm://upload.example/abc/x.png#${'ab'.repeat(16)}${'cd'.repeat(32)}` })?.encrypted).toBe(true);
  });

  it('reads an https body as a file only when shared out of band, and nothing else', () => {
    expect(sharedFileOf({ body: 'https://upload.example/abc/report.pdf', oob: true })).toEqual({ url: 'https://upload.example/abc/report.pdf', name: 'report.pdf', encrypted: false });
    expect(sharedFileOf({ body: 'https://upload.example/abc/report.pdf' })).toBeUndefined();
    expect(sharedFileOf({ body: 'see https://upload.example/abc/report.pdf', oob: true })).toBeUndefined();
    expect(sharedFileOf({ body: `aesgcm://upload.example/abc/x.png#${secrets.slice(2)}` })).toBeUndefined();
    expect(sharedFileOf({ body: `look aesgcm://upload.example/abc/x.png#${secrets}` })).toBeUndefined();
    expect(sharedFileOf({ body: 'javascript:alert(1)', oob: true })).toBeUndefined();
  });

  it('shows the name without control or bidi characters, and never a directory', () => {
    expect(sharedFileOf({ body: 'https://upload.example/a/photo%E2%80%AEgpj.exe', oob: true })?.name).toBe('photogpj.exe');
    expect(sharedFileOf({ body: 'https://upload.example/a/..%2F..%2Fpasswd', oob: true })?.name).toBe('passwd');
    expect(sharedFileOf({ body: 'https://upload.example/', oob: true })?.name).toBe('');
  });
});

describe('the transfers a conversation shows', () => {
  const transfer = (fields: Partial<Transfer>): Transfer => ({
    id: 't1',
    accountId: 'a',
    peer: 'bob@example.org',
    direction: 'in',
    method: 'upload',
    name: 'f',
    size: 0,
    done: 0,
    state: 'active',
    startedAt: 1,
    ...fields,
  });

  it('puts downloads on their message’s card, the latest one first, and only uploads above the composer', () => {
    let state = applyTransfer(initialTransfers, transfer({ id: 'd1', messageId: 'm1', state: 'failed', startedAt: 1 }));
    state = applyTransfer(state, transfer({ id: 'd2', messageId: 'm1', startedAt: 2 }));
    state = applyTransfer(state, transfer({ id: 'u1', direction: 'out', startedAt: 3 }));
    expect(selectMessageDownload(state, 'm1')?.id).toBe('d2');
    expect(selectMessageDownload(state, 'm2')).toBeUndefined();
    expect(selectConversationTransfers(state, 'a', 'bob@example.org').map((each) => each.id)).toEqual(['u1']);
  });
});
