// The MAM scenario's server: a harness Prosody where 50 peers have sent bob 200 messages each while he was offline,
// after one marker message whose archive id is the "last seen" cursor both sides start from.
import { randomUUID } from 'node:crypto';
import xml from '@xmpp/xml';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { PAGE_SIZE } from '../../electron/core/xmpp/mam/paging.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../../test/server/prosody.ts';
import { waitForState } from '../../test/support/connection.ts';
import { messageBody } from '../bodies.ts';
import { buildPageQuery, parseArchived, parseFin, type ArchivedItem } from './mam-query.ts';

export interface MamFixtureSize {
  readonly peers: number;
  readonly perPeer: number;
}

export interface MamFixture {
  readonly server: ProsodyServer;
  readonly jid: string;
  readonly password: string;
  /** The marker message's archive entry: everything after it is what a catch-up must fetch. */
  readonly cursor: ArchivedItem;
  readonly markerBody: string;
  /** Messages archived after the cursor. */
  readonly expected: number;
}

const bob = { username: 'bob', password: 'bob-bench-pw' };
const peerName = (index: number) => `peer${String(index)}`;
const passwordOf = (username: string) => `${username}-bench-pw`;
/** Senders signed in at once, and messages sent before waiting for the server to catch up: bounded bursts. */
const concurrentPeers = 8;
const burst = 50;
const markerBody = 'Marker: everything after this is new.';
/** Both sides ask for pages of Causette's size; the server serves pages up to it (Prosody 0.12's default is 50). */
export const pageSize = PAGE_SIZE;

/**
 * Prosody 0.12: mod_mam serves at most max_archive_query_results per page (default 50) and an archive store keeps at
 * most storage_archive_item_limit items per user. The archive lives in mod_storage_memory: the internal store
 * re-reads the whole 10,000-item file for every page (about 1 s each), which would measure Prosody's disk format, not
 * the clients. mod_offline is off so that bob's sign-in is not flooded with the same messages as offline delivery.
 */
function hostConfig(domain: string, size: MamFixtureSize): string {
  const limit = size.peers * size.perPeer * 2 + 1_000;
  return [
    `VirtualHost "${domain}"`,
    `  max_archive_query_results = ${String(pageSize)}`,
    `  storage_archive_item_limit = ${String(limit)}`,
    '  storage = { archive = "memory" }',
    '  archive_expires_after = "never"',
    '  mam_include_total = true -- the default unless expiry is off',
    '  modules_disabled = { "s2s", "s2s_auth_certs", "dialback", "offline" }',
    '',
  ].join('\n');
}

async function connect(server: ProsodyServer, username: string, password: string): Promise<Connection> {
  const connection = createConnection({
    account: username,
    jid: `${username}@${server.domain}`,
    password,
    resource: 'bench',
    host: server.host,
    port: server.directTlsPort,
    tls: 'direct',
    extraCa: [server.caPem],
    pinned: [],
    logger: silentLogger,
  });
  connection.start();
  try {
    await waitForState(connection, (state) => state.status === 'online', 30_000);
  } catch (error) {
    await connection.stop();
    throw error;
  }
  return connection;
}

/** XEP-0199 ping: the server answers once it has handled everything sent before it, archive writes included. */
async function drained(connection: Connection, domain: string): Promise<void> {
  await connection.iq(xml('iq', { type: 'get', to: domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 60_000);
}

/** RFC 6121 §5.2.2 chat messages with an XEP-0359 origin-id, as a client sends them. */
async function sendMessages(connection: Connection, to: string, domain: string, bodies: readonly string[]): Promise<void> {
  for (let start = 0; start < bodies.length; start += burst) {
    for (const body of bodies.slice(start, start + burst)) {
      const id = randomUUID();
      await connection.send(xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id })));
    }
    await drained(connection, domain);
  }
}

async function sendAll(server: ProsodyServer, size: MamFixtureSize, to: string): Promise<void> {
  let next = 1;
  const worker = async () => {
    while (next <= size.peers) {
      const index = next;
      next += 1;
      const name = peerName(index);
      const connection = await connect(server, name, passwordOf(name));
      try {
        const bodies = Array.from({ length: size.perPeer }, (_, i) => messageBody(index * size.perPeer + i));
        await sendMessages(connection, to, server.domain, bodies);
      } finally {
        await connection.stop();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentPeers, size.peers) }, worker));
}

/** One page of bob's archive: its items and its end. */
async function queryPage(connection: Connection, request: { max: number; last?: boolean }): Promise<{ items: ArchivedItem[]; count: number | undefined }> {
  const queryId = randomUUID();
  const items: ArchivedItem[] = [];
  const off = connection.onStanza((stanza) => {
    const item = parseArchived(stanza, queryId);
    if (item) items.push(item);
  });
  try {
    const iq = await connection.iq(buildPageQuery({ iqId: randomUUID(), queryId, ...request }), 60_000);
    return { items, count: parseFin(iq).count };
  } finally {
    off();
  }
}

export async function startMamFixture(size: MamFixtureSize, log: (line: string) => void): Promise<MamFixture> {
  const domain = 'localhost';
  const peers = Array.from({ length: size.peers }, (_, i) => peerName(i + 1));
  const server = await startProsody({
    domain,
    users: [bob, ...peers.map((username) => ({ username, password: passwordOf(username) }))],
    extraConfig: hostConfig(domain, size),
  });
  try {
    const jid = `${bob.username}@${domain}`;
    const started = Date.now();
    const herald = await connect(server, peerName(1), passwordOf(peerName(1)));
    try {
      await sendMessages(herald, jid, domain, [markerBody]);
    } finally {
      await herald.stop();
    }
    await sendAll(server, size, jid);
    const expected = size.peers * size.perPeer;
    log(`fixture: ${String(expected)} messages from ${String(size.peers)} peers archived for ${jid} in ${String(Date.now() - started)} ms`);
    // bob signs in without presence (nothing is delivered to him) to read the marker's archive id and the archive's size.
    const reader = await connect(server, bob.username, bob.password);
    try {
      const first = await queryPage(reader, { max: 1 });
      const total = (await queryPage(reader, { max: 1, last: true })).count;
      const cursor = first.items[0];
      if (cursor === undefined) throw new Error("bob's archive is empty");
      if (total !== expected + 1) throw new Error(`bob's archive holds ${String(total)} messages, expected ${String(expected + 1)} (the marker and ${String(expected)})`);
      return { server, jid, password: bob.password, cursor, markerBody, expected };
    } finally {
      await reader.stop();
    }
  } catch (error) {
    await server.dispose();
    throw error;
  }
}
