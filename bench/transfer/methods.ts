// How the bench asks the core for each Jingle method: the transfer.send request that makes the core use it.
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { JingleMethod } from './job.ts';

type SendRequest = Parameters<Handlers['transfer.send']>[0];

/**
 * The request for this method, or undefined while the bench has no way to ask for it. Today the core's Jingle has
 * in-band only (XEP-0261), which 'jingle' gets; SOCKS5 direct and through the proxy (XEP-0260) are asked for through
 * whatever option the core exposes for them once it has them.
 */
export function sendRequest(method: JingleMethod, base: Omit<SendRequest, 'method'>): SendRequest | undefined {
  if (method === 'in-band') return { ...base, method: 'jingle' };
  return undefined;
}

/** Whether the bench can ask the core for this method. */
export const askable = (method: JingleMethod): boolean => sendRequest(method, { accountId: '', peer: '', file: '' }) !== undefined;
