// XEP-0030 §3 on our own bare JID: what our account offers (its archive, its PEP service's publish-options, ...),
// asked once per fresh session and shared by every module that needs it.
import type { Bound, Connection } from '../connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from './disco-info.ts';

export interface AccountInfo {
  /** Our account's features this session; an ill-formed answer offers none, a failed one is asked again next time. */
  features(): Promise<readonly string[]>;
  /**
   * Asks now through a session just bound, before it is online, so that the answer comes right after the roster's instead
   * of behind the session's other first questions; the fresh session that starts next takes this answer.
   */
  askEarly(iq: Bound['iq']): void;
  dispose(): void;
}

/** `onFeatures` hears each session's answer, for what follows from it at once (e.g. whether stanza-ids are trusted). */
export function createAccountInfo(
  connection: Pick<Connection, 'iq' | 'onSessionStart'>,
  ownJid: string,
  onFeatures?: (features: readonly string[]) => void,
): AccountInfo {
  let asked: Promise<readonly string[]> | undefined;
  /** Asked on the session being bound, not yet started. */
  let early: Promise<readonly string[]> | undefined;
  // A resumed session is the same session: what it offered still holds.
  const removeSession = connection.onSessionStart(({ resumed }) => {
    if (resumed) return;
    asked = early;
    early = undefined;
  });
  function ask(iq: Bound['iq']): Promise<readonly string[]> {
    const asking = iq(buildDiscoInfoGet(ownJid), 15_000).then((reply) => {
      const query = reply.getChild('query', NS_DISCO_INFO);
      const parsed = query ? parseDiscoInfo(query) : 'ill-formed';
      const features = parsed === 'ill-formed' ? [] : parsed.features;
      onFeatures?.(features);
      return features;
    });
    // A failure is asked again by the next caller.
    asking.catch(() => {
      if (asked === asking) asked = undefined;
      if (early === asking) early = undefined;
    });
    return asking;
  }
  return {
    features() {
      asked ??= ask((request, timeoutMs) => connection.iq(request, timeoutMs));
      return asked;
    },
    askEarly(iq) {
      early = ask(iq);
    },
    dispose: removeSession,
  };
}
