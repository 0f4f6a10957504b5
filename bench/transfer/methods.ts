// How the bench asks the cores for each Jingle method: the settings both cores run with and the transfer.send request.
import type { Handlers } from '../../shared/ipc/contract.ts';
import type { Settings } from '../../shared/model/settings.ts';
import type { JingleMethod } from './job.ts';

type SendRequest = Parameters<Handlers['transfer.send']>[0];

export interface MethodChoice {
  /** Applied with settings.update on both cores before the transfer. */
  readonly settings: Partial<Settings>;
  readonly method: SendRequest['method'];
  /** The server offers its SOCKS5 proxy (XEP-0065), or none. */
  readonly proxy: boolean;
}

/**
 * What makes the cores use this method, or undefined while the bench has no way to ask for it. The core offers SOCKS5
 * direct candidates to a mutual contact and the server's proxy (XEP-0260), and falls back to in-band (XEP-0261) only
 * when no candidate works; the directTransfers setting off leaves the proxy alone, and a server without a proxy then
 * leaves in-band.
 */
export function methodChoice(method: JingleMethod): MethodChoice | undefined {
  if (method === 'direct') return { settings: { directTransfers: true }, method: 'jingle', proxy: true };
  if (method === 'proxy') return { settings: { directTransfers: false }, method: 'jingle', proxy: true };
  return { settings: { directTransfers: false }, method: 'jingle', proxy: false };
}

/** Whether the bench can ask the cores for this method. */
export const askable = (method: JingleMethod): boolean => methodChoice(method) !== undefined;
