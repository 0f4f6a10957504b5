// XEP-0260: candidate priorities (§2.2), the nomination table (§2.4), and the transport's wire form (§2.2, §2.3).
import { describe, expect, it } from 'vitest';
import { buildS5bInfo, buildS5bTransport, nominate, parseS5bTransport, priorityOf, type Candidate, type Pick } from '../../../electron/core/jingle/s5b-stanzas.ts';

const candidate = (cid: string, type: Candidate['type'], local = 0): Candidate => ({ cid, host: '127.0.0.1', port: 1080, jid: 'a@x/1', type, priority: priorityOf(type, local) });

describe('XEP-0260 candidates', () => {
  it('computes priorities as 2^16 × type preference + local preference', () => {
    expect(priorityOf('direct', 0)).toBe(126 * 65536);
    expect(priorityOf('assisted', 5)).toBe(120 * 65536 + 5);
    expect(priorityOf('tunnel', 0)).toBe(110 * 65536);
    expect(priorityOf('proxy', 0)).toBe(10 * 65536);
    // The local preference stays within 16 bits: no direct candidate ranks below a proxy, none above the next type.
    expect(priorityOf('direct', 1e9)).toBe(126 * 65536 + 65535);
    expect(priorityOf('proxy', 65535)).toBeLessThan(priorityOf('direct', 0));
  });

  const direct = { candidate: candidate('d', 'direct', 10) };
  const lowDirect = { candidate: candidate('d2', 'direct', 1) };
  const proxy = { candidate: candidate('p', 'proxy') };
  const otherProxy = { candidate: candidate('p2', 'proxy') };
  const table: [string, Pick, Pick, 'initiator' | 'responder', string | undefined, 'ours' | 'theirs' | undefined][] = [
    ['neither found one: SOCKS5 failed', 'none', 'none', 'initiator', undefined, undefined],
    ['only we found one: ours is used (a candidate of theirs)', direct, 'none', 'responder', 'd', 'theirs'],
    ['only the peer found one: its pick (one of ours)', 'none', proxy, 'initiator', 'p', 'ours'],
    ['the higher priority wins, whoever picked it', proxy, direct, 'initiator', 'd', 'ours'],
    ['the higher priority wins, within a type too', lowDirect, direct, 'initiator', 'd', 'ours'],
    ['a tie goes to the initiator’s pick: we are the initiator', proxy, otherProxy, 'initiator', 'p', 'theirs'],
    ['a tie goes to the initiator’s pick: the peer is', proxy, otherProxy, 'responder', 'p2', 'ours'],
  ];
  it.each(table)('nominates: %s', (_, own, peer, role, cid, owner) => {
    const nominated = nominate(own, peer, role);
    expect(nominated?.candidate.cid).toBe(cid);
    expect(nominated?.owner).toBe(owner);
  });

  it('writes and reads a transport with its candidates, the best first, ill-formed ones left out', () => {
    const element = buildS5bTransport({ sid: 't1', candidates: [candidate('p', 'proxy'), candidate('d', 'direct')] });
    expect(element.attrs).toMatchObject({ xmlns: 'urn:xmpp:jingle:transports:s5b:1', sid: 't1', mode: 'tcp' });
    const bad = buildS5bTransport({ sid: 'x', candidates: [{ ...candidate('bad', 'direct'), port: 70000 }] }).getChildren('candidate')[0];
    if (bad) element.append(bad);
    const parsed = parseS5bTransport(element);
    expect(parsed?.sid).toBe('t1');
    expect(parsed?.candidates.map((each) => each.cid)).toEqual(['d', 'p']);
    expect(parseS5bTransport(buildS5bTransport({ sid: '', candidates: [] }))).toBeUndefined();
  });

  it('reads the transport-info payloads', () => {
    expect(parseS5bTransport(buildS5bInfo('t', { kind: 'candidate-used', cid: 'c1' }))?.info).toEqual({ kind: 'candidate-used', cid: 'c1' });
    expect(parseS5bTransport(buildS5bInfo('t', { kind: 'candidate-error' }))?.info).toEqual({ kind: 'candidate-error' });
    expect(parseS5bTransport(buildS5bInfo('t', { kind: 'activated', cid: 'c2' }))?.info).toEqual({ kind: 'activated', cid: 'c2' });
    expect(parseS5bTransport(buildS5bInfo('t', { kind: 'proxy-error' }))?.info).toEqual({ kind: 'proxy-error' });
  });
});
