// XEP-0260 §6.1: which of the peer's candidates we connect to: its own hosts only when it may learn our address, a proxy
// always, but not, as the responder, the proxy we offer too (ours is used and we activate it, §2.4).
import { describe, expect, it } from 'vitest';
import { setupS5bCandidates } from '../../../electron/core/jingle/s5b-candidates.ts';
import { priorityOf, type Candidate } from '../../../electron/core/jingle/s5b-stanzas.ts';

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
