// Going on with an interrupted Jingle transfer (XEP-0234 §6.4) on the peer's device: the one the transfer was with, if it
// is still online and takes Jingle, else the contact's device that does. Shared by transfer.resume and the automatic resume.
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { devicesOf } from '../transfers/devices.ts';
import { chooseRoute } from '../transfers/route.ts';
import type { ResourcePresence } from '../../../shared/model/presence.ts';
import type { JingleFileTransfer } from '../jingle/file-transfer/index.ts';
import type { Connection } from '../xmpp/connection.ts';

export interface ResumeVia {
  readonly connection: Pick<Connection, 'iq'>;
  readonly resourcesOf: (bare: string) => readonly ResourcePresence[];
  readonly jingle: JingleFileTransfer | undefined;
}

export async function resumeTransfer(session: ResumeVia, transfer: Transfer): Promise<void> {
  const jingle = session.jingle;
  if (!jingle) throw new CausetteError('not-supported', 'No device of this contact can take a direct file transfer now.', undefined, { context: 'noJingle' });
  const devices = await devicesOf(session.connection, transfer.peer, session.resourcesOf(transfer.peer));
  const last = jingle.resumePeer(transfer.id);
  const route = chooseRoute({ method: 'jingle', room: false, devices: [...devices.filter((device) => device.jid === last), ...devices] });
  if (route.kind !== 'jingle') throw new CausetteError('not-supported', 'No device of this contact can take a direct file transfer now.', undefined, { context: 'noJingle' });
  await jingle.resume(transfer.id, route.to);
}
