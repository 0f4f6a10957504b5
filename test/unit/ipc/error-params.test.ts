import { describe, expect, it } from 'vitest';
import { AppErrorSchema, CausetteError, toAppError } from '../../../shared/ipc/errors.ts';
import { toCausetteError } from '../../../electron/core/xmpp/errors.ts';

describe('an error crossing IPC', () => {
  it('carries its parameters, so the renderer can say it in the user’s language', () => {
    const error = new CausetteError('timeout', 'The server for example.org did not answer in time', undefined, { context: 'domain', domain: 'example.org' });
    const sent = AppErrorSchema.parse(JSON.parse(JSON.stringify(toAppError(error))));
    expect(sent).toEqual({ code: 'timeout', message: 'The server for example.org did not answer in time', params: { context: 'domain', domain: 'example.org' } });
  });

  it('without parameters stays as it was', () => {
    expect(toAppError(new CausetteError('internal', 'x'))).toEqual({ code: 'internal', message: 'x' });
  });

  it('from the network names the domain and the address reached', () => {
    const refused = toCausetteError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'example.org', {
      host: '127.0.0.1',
      port: 5222,
      directTls: false,
    });
    expect(refused.params).toEqual({ context: 'domain', domain: 'example.org', endpoint: '127.0.0.1:5222' });
  });

  it('refuses parameters that are not strings or numbers', () => {
    expect(AppErrorSchema.safeParse({ code: 'timeout', message: 'x', params: { domain: { nested: true } } }).success).toBe(false);
  });
});
