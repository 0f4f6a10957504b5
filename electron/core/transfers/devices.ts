// A contact's online devices with what each advertises (XEP-0030 disco#info to the full JID), for the route of a file.
import type { ResourcePresence } from '../../../shared/model/presence.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from '../xmpp/disco/disco-info.ts';
import type { Connection } from '../xmpp/connection.ts';
import type { Device } from './route.ts';

/** A device that does not answer soon is taken as one without file transfer: the upload is still there. */
const ASK_MS = 5_000;

export async function devicesOf(connection: Pick<Connection, 'iq'>, bare: string, resources: readonly ResourcePresence[]): Promise<Device[]> {
  return Promise.all(
    resources.map(async ({ resource }) => {
      const jid = resource === '' ? bare : `${bare}/${resource}`;
      const reply = await connection.iq(buildDiscoInfoGet(jid), ASK_MS).catch(() => undefined);
      const query = reply?.getChild('query', NS_DISCO_INFO);
      const info = query ? parseDiscoInfo(query) : 'ill-formed';
      return { jid, features: info === 'ill-formed' ? [] : info.features };
    }),
  );
}
