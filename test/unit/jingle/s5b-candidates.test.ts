// XEP-0260 §6.1: which of the peer's candidates we connect to: its own hosts only when it may learn our address, a proxy
// always, but not, as the responder, the proxy we offer too (ours is used and we activate it, §2.4).
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { directCandidates, hostAddresses, listenHost, setupS5bCandidates } from '../../../electron/core/jingle/s5b-candidates.ts';
import { nominate, priorityOf, type Candidate } from '../../../electron/core/jingle/s5b-stanzas.ts';
import { dstAddr, socks5Connect } from '../../../electron/core/jingle/socks5.ts';

const peer = 'bob@example.org/desk';
const theirs: Candidate[] = [
  { cid: 'd', host: '192.0.2.7', port: 4000, jid: peer, type: 'direct', priority: priorityOf('direct', 9) },
  { cid: 'a', host: '198.51.100.7', port: 4001, jid: peer, type: 'assisted', priority: priorityOf('assisted', 0) },
  { cid: 'p', host: '203.0.113.1', port: 7777, jid: 'proxy.example.org', type: 'proxy', priority: priorityOf('proxy', 0) },
  { cid: 'q', host: '203.0.113.2', port: 7777, jid: 'proxy.example.net', type: 'proxy', priority: priorityOf('proxy', 0) },
];
const ourProxy: Candidate = { cid: 'mine', host: '203.0.113.1', port: 7777, jid: 'proxy.example.org', type: 'proxy', priority: priorityOf('proxy', 0) };

function candidates(mayReveal: boolean, directSetting = true) {
  const seen: string[] = [];
  const setup = setupS5bCandidates({
    connection: { iq: () => Promise.reject(new Error('no network here')) },
    domain: () => 'example.org',
    mayRevealAddresses: (bare) => {
      seen.push(bare);
      return mayReveal;
    },
    directCandidates: () => directSetting,
    directHosts: () => [],
    streamhost: () => Promise.resolve(undefined),
  });
  return { setup, seen };
}

const cids = (list: readonly Candidate[]) => list.map((each) => each.cid);

describe('the peer’s SOCKS5 candidates we connect to', () => {
  it('are all of them for a contact who may learn our address (asked by bare JID)', () => {
    const { setup, seen } = candidates(true);
    expect(cids(setup.reachable(peer, theirs))).toEqual(['d', 'a', 'p', 'q']);
    expect(new Set(seen)).toEqual(new Set(['bob@example.org']));
  });

  it('are its proxies only for anyone else, or with direct transfers off: a connection to its host shows it our address', () => {
    expect(cids(candidates(false).setup.reachable(peer, theirs))).toEqual(['p', 'q']);
    expect(cids(candidates(true, false).setup.reachable(peer, theirs))).toEqual(['p', 'q']);
  });

  it('leave out, as the responder, the proxy we offer too (same JID, host and port): ours is the one used', () => {
    expect(cids(candidates(true).setup.reachable(peer, theirs, [ourProxy]))).toEqual(['d', 'a', 'q']);
    expect(cids(candidates(false).setup.reachable(peer, theirs, [{ ...ourProxy, port: 7778 }]))).toEqual(['p', 'q']);
  });
});

describe('why our addresses are kept from a peer', () => {
  it('is the setting first, then the peer being no mutual contact nor allowed; nothing when they may learn them', () => {
    expect(candidates(true).setup.withheld(peer)).toBeUndefined();
    expect(candidates(false).setup.withheld(peer)).toBe('notMutual');
    expect(candidates(true, false).setup.withheld(peer)).toBe('setting');
    expect(candidates(false, false).setup.withheld(peer)).toBe('setting');
  });
});

describe('our direct candidates (XEP-0260 §2.2), IPv4 and IPv6', () => {
  const v4 = (address: string, internal = false) => ({ address, family: 'IPv4', internal });
  const v6 = (address: string, internal = false) => ({ address, family: 'IPv6', internal });
  const interfaces = {
    lo: [v4('127.0.0.1', true), v6('::1', true)],
    eth0: [v4('192.168.1.20'), v6('fd00::2'), v6('fe80::fc:ff:fe00:1'), v6('2001:db8:1::20')],
    wlan0: [v4('10.0.0.5'), v4('198.51.100.9'), v6('FE80::1'), v6('fc12::7'), v6('2a01:4f8::1')],
    cgnat: [v4('100.64.3.4'), v4('172.20.0.1'), v4('172.32.0.1'), v4('169.254.10.1')],
  };

  it('are the host’s addresses ranked by reach: global IPv6, public IPv4, unique-local IPv6, private IPv4, loopback; never link-local nor ::1', () => {
    expect(hostAddresses(interfaces)).toEqual([
      '2001:db8:1::20',
      '2a01:4f8::1',
      '198.51.100.9',
      '172.32.0.1',
      'fd00::2',
      'fc12::7',
      '192.168.1.20',
      '10.0.0.5',
      '100.64.3.4',
      '172.20.0.1',
      '169.254.10.1',
      '127.0.0.1',
    ]);
  });

  it('get priorities in that order, every one a direct candidate’s (type preference 126) and unique', () => {
    const offered = directCandidates(hostAddresses(interfaces), 4000, 'alice@example.org/desk');
    const priorities = offered.map((each) => each.priority);
    expect(priorities[0]).toBe(priorityOf('direct', 65535));
    expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(priorities.every((priority) => Math.floor(priority / 2 ** 16) === 126)).toBe(true);
    expect(offered.every((each) => each.type === 'direct' && each.port === 4000)).toBe(true);
  });

  it('of the side receiving the file rank below the sender’s, so that the nomination takes the connection the receiver made', () => {
    const addresses = hostAddresses(interfaces);
    const senders = directCandidates(addresses, 4000, 'alice@example.org/desk', false);
    const receivers = directCandidates(addresses, 4001, 'bob@example.org/laptop', true);
    expect(receivers.map((each) => each.priority)).toEqual(senders.map((each) => each.priority - 1));
    const [sendersFirst, receiversFirst] = [senders[0], receivers[0]];
    if (!sendersFirst || !receiversFirst) throw new Error('no candidates');
    // The sender (initiator) reached the receiver's first candidate, the receiver (responder) the sender's (XEP-0260 §2.4).
    expect(nominate({ candidate: receiversFirst }, { candidate: sendersFirst }, 'initiator')).toEqual({ candidate: sendersFirst, owner: 'ours' });
    expect(nominate({ candidate: sendersFirst }, { candidate: receiversFirst }, 'responder')).toEqual({ candidate: sendersFirst, owner: 'theirs' });
  });

  it('are served on loopback when every address is IPv4 loopback, else on every interface, dual-stack once IPv6 is offered', () => {
    expect(listenHost(['127.0.0.1'])).toBe('127.0.0.1');
    expect(listenHost(['192.0.2.2', '127.0.0.1'])).toBe('0.0.0.0');
    expect(listenHost(['fd00::2', '192.0.2.2', '127.0.0.1'])).toBe('::');
  });

  it('keep directHosts as given (tests), and one dual-stack server lets in IPv4 and IPv6 clients alike', async () => {
    const setup = setupS5bCandidates({
      connection: { iq: () => Promise.reject(new Error('no network here')) },
      domain: () => 'example.org',
      mayRevealAddresses: () => true,
      directCandidates: () => true,
      directHosts: () => ['::1', '127.0.0.1'],
      streamhost: () => Promise.resolve(undefined),
    });
    try {
      const offered = await setup.gather('alice@example.org/desk', 'bob@example.org/laptop', false);
      expect(offered.map((each) => each.host)).toEqual(['::1', '127.0.0.1']);
      const port = offered[0]?.port ?? 0;
      const server = setup.server;
      if (!server) throw new Error('no SOCKS5 server');
      for (const host of ['::1', '127.0.0.1']) {
        const domain = dstAddr(host, 'alice@example.org/desk', 'bob@example.org/laptop');
        const accepted = new Promise<Socket>((resolve) => server.expect(domain, resolve));
        const client = await socks5Connect({ host, port, domain, timeoutMs: 2_000 });
        const socket = await accepted;
        client.destroy();
        socket.destroy();
      }
    } finally {
      setup.dispose();
    }
  });
});
