// A person's address typed without its server ("bob"): the user most likely means someone on their own server.
import type { Jid } from '../../../shared/model/jid.ts';

/**
 * `bob@<own domain>` when `jid` is a bare name with no server: no "@" and no dot, so not a server or service address
 * (which may stand alone, RFC 7622 §3.2). Undefined otherwise.
 */
export function onOwnServer(jid: Jid, ownJid: string): string | undefined {
  if (jid.local !== undefined || jid.resource !== undefined || jid.domain.includes('.')) return undefined;
  const at = ownJid.indexOf('@');
  if (at < 0) return undefined;
  const ownDomain = ownJid.slice(at + 1).split('/')[0] ?? '';
  return ownDomain === '' || ownDomain === jid.domain ? undefined : `${jid.domain}@${ownDomain}`;
}
