// XEP-0045 §6.1–§6.4: the server's MUC service (disco#items on the server, the item whose identity is conference/text),
// its rooms (disco#items on the service) and each room's disco#info, bounded in count and asked a few at a time.
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { RoomList, RoomListing } from '../../../../shared/model/room.ts';
import type { DiscoInfo } from '../../model/disco-info.ts';
import type { Connection } from '../connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from '../disco/disco-info.ts';
import { buildDiscoItemsGet, NS_DISCO_ITEMS } from './muc-stanzas.ts';
import { listingOf } from './room-info.ts';

const PARALLEL = 8;
const TIMEOUT_MS = 15_000;

type Iq = Pick<Connection, 'iq'>;

async function info(connection: Iq, jid: string): Promise<DiscoInfo | undefined> {
  const reply = await connection.iq(buildDiscoInfoGet(jid), TIMEOUT_MS).catch(() => undefined);
  const query = reply?.getChild('query', NS_DISCO_INFO);
  const parsed = query ? parseDiscoInfo(query) : undefined;
  return parsed === 'ill-formed' ? undefined : parsed;
}

function items(reply: Element): { jid: string; name?: string }[] {
  return (reply.getChild('query', NS_DISCO_ITEMS)?.getChildren('item') ?? []).flatMap((item) => {
    const jid = item.attrs.jid;
    if (typeof jid !== 'string' || jid === '') return [];
    const name = item.attrs.name;
    return [{ jid, ...(typeof name === 'string' && name !== '' ? { name } : {}) }];
  });
}

/** §6.1: the first service of the server that says it is a text conference (conference/text). */
export async function findMucService(connection: Iq, domain: string): Promise<string> {
  const reply = await connection.iq(buildDiscoItemsGet(domain), TIMEOUT_MS);
  const candidates = items(reply).slice(0, 50);
  const infos = await Promise.all(candidates.map((item) => info(connection, item.jid)));
  const index = infos.findIndex((each) => each?.identities.some((identity) => identity.category === 'conference' && identity.type === 'text'));
  const found = candidates[index];
  if (!found) throw new CausetteError('not-supported', `The server ${domain} offers no group chat service.`, undefined, { context: 'noMucService', domain });
  return found.jid;
}

/** §6.3 then §6.4: at most `limit` rooms, each with what its disco#info says. */
export async function listRooms(connection: Iq, service: string, limit: number): Promise<RoomList> {
  const all = items(await connection.iq(buildDiscoItemsGet(service), TIMEOUT_MS));
  const chosen = all.slice(0, limit);
  const rooms: RoomListing[] = new Array<RoomListing>(chosen.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chosen.length) {
      const index = next++;
      const item = chosen[index];
      if (item) rooms[index] = listingOf(item.jid, item.name, await info(connection, item.jid));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, chosen.length) }, worker));
  return { service, rooms, truncated: all.length > chosen.length };
}
