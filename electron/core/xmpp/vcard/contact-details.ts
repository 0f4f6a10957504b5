// The contact details: their vCard (XEP-0054) and, in parallel, what software each online resource runs (XEP-0092)
// or, when none is online, when they were last seen (XEP-0012).
import type { ContactDetails, Vcard } from '../../../../shared/model/contact.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { NS_VERSION } from '../disco/responders.ts';
import { StanzaError } from '../errors.ts';
import { buildVcardGet, NS_VCARD, parseVcard } from './vcard.ts';
import { buildVersionGet, parseVersion } from './version.ts';
import { buildLastActivityGet, parseLastActivity } from './last-activity.ts';

export interface DetailsDeps {
  readonly connection: Pick<Connection, 'iq'>;
  readonly logger: Logger;
  readonly vcardTimeoutMs?: number;
  readonly versionTimeoutMs?: number;
}

/** No vCard when the contact has none (item-not-found, service-unavailable) or the server could not give it. */
async function fetchVcard(deps: DetailsDeps, jid: string): Promise<Vcard | undefined> {
  try {
    const reply = await deps.connection.iq(buildVcardGet(jid), deps.vcardTimeoutMs ?? 10_000);
    const vcard = reply.getChild('vCard', NS_VCARD);
    return vcard ? parseVcard(vcard) : undefined;
  } catch (error) {
    const expected = error instanceof StanzaError && (error.condition === 'item-not-found' || error.condition === 'service-unavailable');
    if (!expected) deps.logger.warn('the vCard could not be fetched', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

async function fetchVersion(deps: DetailsDeps, jid: string, resource: string): Promise<ContactDetails['versions'][number] | undefined> {
  try {
    const reply = await deps.connection.iq(buildVersionGet(`${jid}/${resource}`), deps.versionTimeoutMs ?? 3_000);
    const query = reply.getChild('query', NS_VERSION);
    const version = query ? parseVersion(query) : undefined;
    return version && { resource, ...version };
  } catch {
    // A resource that does not answer, or refuses, is left out.
    return undefined;
  }
}

async function fetchLastSeen(deps: DetailsDeps, jid: string): Promise<number | undefined> {
  try {
    return parseLastActivity(await deps.connection.iq(buildLastActivityGet(jid), deps.versionTimeoutMs ?? 3_000), Date.now());
  } catch {
    // Servers answer only for contacts who share their presence with us; anything else means unknown.
    return undefined;
  }
}

export async function fetchContactDetails(deps: DetailsDeps, jid: string, resources: readonly string[]): Promise<ContactDetails> {
  const [vcard, versions, lastSeen] = await Promise.all([
    fetchVcard(deps, jid),
    Promise.all(resources.map((resource) => fetchVersion(deps, jid, resource))),
    resources.length === 0 ? fetchLastSeen(deps, jid) : undefined,
  ]);
  return {
    jid,
    ...(vcard === undefined ? {} : { vcard }),
    versions: versions.flatMap((version) => version ?? []),
    ...(lastSeen === undefined ? {} : { lastSeen }),
  };
}
