// RFC 6121 §4.2: initial presence, sent after each fresh session so contacts and the server see us available.
import xml from '@xmpp/xml';
import type { Connection } from '../xmpp/connection.ts';
import type { Logger } from '../log/logger.ts';

export function sendInitialPresence(connection: Pick<Connection, 'send'>, logger: Logger): void {
  connection.send(xml('presence')).catch((error: unknown) => {
    logger.warn('initial presence was not sent', { error: error instanceof Error ? error.message : String(error) });
  });
}
