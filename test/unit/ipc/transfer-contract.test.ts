// The transfer.* commands of the contract: a file named by its token only, a known way of sending, an offer answered by id.
import { describe, expect, it } from 'vitest';
import { commands } from '../../../shared/ipc/contract.ts';
import { TransferSchema } from '../../../shared/model/transfer.ts';

const id = '3f0b8f3e-7d1c-4a52-9b8e-0c6a2f1d9e47';
const accountId = '9664ce0e-da93-48f9-af05-bb3ee80f08c3';

describe('the transfer commands of the contract', () => {
  it('sends a chosen file by its token, automatically unless Jingle or upload is asked for', () => {
    const send = commands['transfer.send'].request;
    expect(send.parse({ accountId, peer: 'bob@x.org', file: id })).toMatchObject({ method: 'auto' });
    for (const method of ['auto', 'jingle', 'upload']) expect(send.safeParse({ accountId, peer: 'bob@x.org', file: id, method }).success).toBe(true);
    expect(send.safeParse({ accountId, peer: 'bob@x.org', file: id, method: 'socks5' }).success).toBe(false);
    expect(send.safeParse({ accountId, peer: 'bob@x.org', file: '/etc/passwd' }).success).toBe(false);
    expect(send.safeParse({ accountId, peer: 'bob@x.org', file: id, path: '/etc/passwd' }).success).toBe(false);
  });

  it('accepts, declines and opens an offer by its id only', () => {
    expect(commands['transfer.accept'].request.safeParse({ id }).success).toBe(true);
    expect(commands['transfer.accept'].request.safeParse({ id, folder: '/home/bob/Pictures' }).success).toBe(true);
    expect(commands['transfer.accept'].request.safeParse({ id, folder: '' }).success).toBe(false);
    expect(commands['transfer.acceptInto'].request.safeParse({ id, folder: '/tmp' }).success).toBe(false);
    expect(commands['transfer.decline'].request.safeParse({ id: 'nope' }).success).toBe(false);
    expect(commands['transfer.open'].request.parse({ id })).toEqual({ id, reveal: false });
  });

  it('resumes an interrupted transfer by its id only, never from an offset or a path the window gives', () => {
    expect(commands['transfer.resume'].request.safeParse({ id }).success).toBe(true);
    expect(commands['transfer.resume'].request.safeParse({ id, offset: 1024 }).success).toBe(false);
    expect(commands['transfer.resume'].request.safeParse({ id, path: '/tmp/x' }).success).toBe(false);
    expect(commands['transfer.resume'].request.safeParse({ id: 'nope' }).success).toBe(false);
  });

  it('a transfer may say it can be resumed', () => {
    const transfer = { id, accountId, peer: 'bob@x.org', direction: 'in', method: 'in-band', name: 'a.bin', size: 10, done: 4, state: 'failed', startedAt: 1 };
    expect(TransferSchema.parse({ ...transfer, resumable: true })).toMatchObject({ resumable: true });
    expect(TransferSchema.safeParse({ ...transfer, resumable: 'yes' }).success).toBe(false);
  });
});
