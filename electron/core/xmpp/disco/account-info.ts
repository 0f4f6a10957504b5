// XEP-0030 §3 on our own bare JID: what our account offers (its archive, its PEP service's publish-options, ...),
// asked once per fresh session and shared by every module that needs it.
import type { Connection } from '../connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from './disco-info.ts';

export interface AccountInfo {
  /** Our account's features this session; an ill-formed answer offers none, a failed one is asked again next time. */
  features(): Promise<readonly string[]>;
  /** Asks now, before anyone needs it (a fresh session's first question), unless this session already asked. */
  prefetch(): void;
  dispose(): void;
}

/** `onFeatures` hears each session's answer, for what follows from it at once (e.g. whether stanza-ids are trusted). */
export function createAccountInfo(
  connection: Pick<Connection, 'iq' | 'onSessionStart'>,
  ownJid: string,
  onFeatures?: (features: readonly string[]) => void,
): AccountInfo {
  let asked: Promise<readonly string[]> | undefined;
  // A resumed session is the same session: what it offered still holds.
  const removeSession = connection.onSessionStart(({ resumed }) => {
    if (!resumed) asked = undefined;
  });
  function ask(): Promise<readonly string[]> {
    const asking = connection.iq(buildDiscoInfoGet(ownJid), 15_000).then((reply) => {
      const query = reply.getChild('query', NS_DISCO_INFO);
      const parsed = query ? parseDiscoInfo(query) : 'ill-formed';
      const features = parsed === 'ill-formed' ? [] : parsed.features;
      onFeatures?.(features);
      return features;
    });
    // A failure is asked again by the next caller.
    asking.catch(() => void (asked === asking && (asked = undefined)));
    return asking;
  }
  return {
    features() {
      asked ??= ask();
      return asked;
    },
    prefetch() {
      asked ??= ask();
    },
    dispose: removeSession,
  };
}
