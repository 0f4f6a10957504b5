// XEP-0045 §6.1–§6.4: the server's MUC service (disco#items on the server, the item whose identity is conference/text),
// its rooms (disco#items on the service) and each room's disco#info, bounded in count and asked a few at a time.
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { RoomList, RoomListing } from '../../../../shared/model/room.ts';
import type { DiscoInfo } from '../../model/disco-info.ts';
import type { Connection } from '../connection.ts';
import { buildDiscoItemsGet, discoInfoOf, findService, parseDiscoItems } from '../disco/disco-items.ts';
import { listingOf } from './room-info.ts';

const PARALLEL = 8;
const TIMEOUT_MS = 15_000;

type Iq = Pick<Connection, 'iq'>;

/** §6.1: the first service of the server that says it is a text conference (conference/text). */
export async function findMucService(connection: Iq, domain: string): Promise<string> {
  const isMuc = (jid: string, info: DiscoInfo) => (info.identities.some((identity) => identity.category === 'conference' && identity.type === 'text') ? jid : undefined);
  const found = await findService(connection, domain, isMuc);
  if (found === undefined) throw new CausetteError('not-supported', `The server ${domain} offers no group chat service.`, undefined, { context: 'noMucService', domain });
  return found;
}

/** §6.3 then §6.4: at most `limit` rooms, each with what its disco#info says. */
export async function listRooms(connection: Iq, service: string, limit: number): Promise<RoomList> {
  const all = parseDiscoItems(await connection.iq(buildDiscoItemsGet(service), TIMEOUT_MS));
  const chosen = all.slice(0, limit);
  const rooms: RoomListing[] = new Array<RoomListing>(chosen.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chosen.length) {
      const index = next++;
      const item = chosen[index];
      if (item) rooms[index] = listingOf(item.jid, item.name, await discoInfoOf(connection, item.jid));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, chosen.length) }, worker));
  return { service, rooms, truncated: all.length > chosen.length };
}
