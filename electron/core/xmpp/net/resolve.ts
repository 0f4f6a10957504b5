// Where to connect: an explicit host, or DNS SRV (RFC 6120 §3.2.1, XEP-0368 §3) with a fallback to the domain.
import { Resolver } from 'node:dns/promises';
import type { SrvRecord } from 'node:dns';
import type { TlsMode } from '../../../../shared/model/account.ts';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** XEP-0368: TLS from the first byte instead of STARTTLS. */
  readonly directTls: boolean;
}

export interface ServerAddress {
  readonly domain: string;
  readonly host?: string;
  readonly port?: number;
  readonly tls: TlsMode;
}

export type SrvLookup = (name: string) => Promise<SrvRecord[]>;

const clientPort = 5222;
const directTlsPort = 5223;

function systemSrvLookup(): SrvLookup {
  // Bounded: c2s resolution must not stall an attempt for the resolver's default 4 tries.
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  return (name) => resolver.resolveSrv(name);
}

/** RFC 2782: lowest priority first; within a priority, a weighted random order. */
export function orderSrv<T extends SrvRecord>(records: readonly T[], random: () => number): T[] {
  const byPriority = new Map<number, T[]>();
  for (const record of records) byPriority.set(record.priority, [...(byPriority.get(record.priority) ?? []), record]);
  const ordered: T[] = [];
  for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
    const pool = [...(byPriority.get(priority) ?? [])];
    while (pool.length > 0) {
      const total = pool.reduce((sum, record) => sum + record.weight, 0);
      let pick = random() * total;
      let index = pool.findIndex((record) => (pick -= record.weight) < 0);
      if (index === -1) index = 0;
      ordered.push(...pool.splice(index, 1));
    }
  }
  return ordered;
}

async function lookupOrEmpty(lookup: SrvLookup, name: string): Promise<SrvRecord[]> {
  try {
    // RFC 2782: a target of "." means the service is decidedly not offered there.
    return (await lookup(name)).filter((record) => record.name !== '' && record.name !== '.');
  } catch {
    return [];
  }
}

const hostOf = (domain: string) => (domain.startsWith('[') ? domain.slice(1, -1) : domain);

export async function resolveEndpoints(
  address: ServerAddress,
  lookup: SrvLookup = systemSrvLookup(),
  random: () => number = Math.random,
): Promise<Endpoint[]> {
  const { domain, tls } = address;
  if (address.host !== undefined || address.port !== undefined) {
    // An explicit override skips SRV; 'auto' then means STARTTLS on the given port.
    const directTls = tls === 'direct';
    return [{ host: address.host ?? hostOf(domain), port: address.port ?? (directTls ? directTlsPort : clientPort), directTls }];
  }
  const fallback: Endpoint = { host: hostOf(domain), port: tls === 'direct' ? directTlsPort : clientPort, directTls: tls === 'direct' };
  // An address literal has no SRV records.
  if (domain.startsWith('[') || /^[\d.]+$/.test(domain)) return [fallback];
  const [direct, starttls] = await Promise.all([
    tls === 'starttls' ? [] : lookupOrEmpty(lookup, `_xmpps-client._tcp.${domain}`),
    tls === 'direct' ? [] : lookupOrEmpty(lookup, `_xmpp-client._tcp.${domain}`),
  ]);
  const tagged = [...direct.map((record) => ({ ...record, directTls: true })), ...starttls.map((record) => ({ ...record, directTls: false }))];
  // XEP-0368 §3: both lists are merged by priority; at equal priority Direct TLS goes first (the sort is stable).
  const endpoints = orderSrv(tagged, random)
    .sort((a, b) => a.priority - b.priority || Number(b.directTls) - Number(a.directTls))
    .map(({ name, port, directTls }) => ({ host: name, port, directTls }));
  return endpoints.length > 0 ? endpoints : [fallback];
}
