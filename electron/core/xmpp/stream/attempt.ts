// One connection attempt: open the stream and wait until the session is ready, an error, a drop or the deadline.
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { toCausetteError } from '../errors.ts';
import { PinnedCertificateLearned } from '../net/trust.ts';
import type { XmppStream } from './stream.ts';

export async function attempt<T>(stream: XmppStream, ready: Promise<T>, timeoutMs: number, domain: string): Promise<T> {
  const { entity } = stream;
  let timer: NodeJS.Timeout | undefined;
  let stopListening = () => undefined as void;
  const failed = new Promise<never>((_resolve, reject) => {
    const onError = (error: unknown) => reject(error instanceof Error ? error : toCausetteError(error, domain));
    // The error that explains a close can be emitted just after it (a failed handler's rejection): let it arrive first.
    const onDisconnect = () =>
      setImmediate(() =>
        reject(stream.lastError === undefined ? new CausetteError('stream-error', `The connection to ${domain} closed during sign-in.`, undefined, { context: 'closed', domain }) : toCausetteError(stream.lastError, domain)),
      );
    entity.on('error', onError);
    entity.on('disconnect', onDisconnect);
    stopListening = () => {
      entity.off('error', onError);
      entity.off('disconnect', onDisconnect);
    };
    timer = setTimeout(
      () => reject(new CausetteError('timeout', `The server for ${domain} did not complete the sign-in within ${timeoutMs / 1000} s.`, undefined, {
            context: 'signIn',
            domain,
            seconds: timeoutMs / 1000,
          })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([stream.open().then(() => ready), failed]);
  } catch (error) {
    stream.abort();
    throw error instanceof PinnedCertificateLearned ? error : toCausetteError(error, domain);
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}
