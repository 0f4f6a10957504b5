import { describe, expect, it } from 'vitest';
import {
  newSession,
  peerLosesTieBreak,
  REASONS,
  transition,
  waitingFor,
  type Event,
  type Session,
  type Step,
} from '../../../electron/core/jingle/session-machine.ts';

const IBB = 'urn:xmpp:jingle:transports:ibb:1';
const S5B = 'urn:xmpp:jingle:transports:s5b:1';
const file = { name: 'file', creator: 'initiator' as const, transport: S5B };

function ok(step: Step): Session {
  if (!step.ok) throw new Error(`refused: ${step.refusal}`);
  return step.session;
}
const run = (session: Session, ...events: Event[]): Session => events.reduce((current, event) => ok(transition(current, event)), session);
const offered = () => newSession('s1', 'local', [file]);
const received = () => newSession('s1', 'remote', [file]);

describe('XEP-0166 session machine', () => {
  it('§6.2: a session we offer is pending and waits for the accept; one offered to us waits for the user', () => {
    expect(offered()).toMatchObject({ role: 'initiator', state: 'pending' });
    expect(waitingFor(offered())).toEqual({ kind: 'session-accept' });
    expect(received()).toMatchObject({ role: 'responder', state: 'pending' });
    expect(waitingFor(received())).toEqual({ kind: 'user' });
  });

  it('§7.2.8: the responder’s accept makes the session active, and nothing is waited for any more', () => {
    const active = run(offered(), { by: 'remote', action: 'session-accept' });
    expect(active.state).toBe('active');
    expect(waitingFor(active)).toBeUndefined();
    expect(run(received(), { by: 'local', action: 'session-accept' }).state).toBe('active');
  });

  it('§7.2.8: the initiator cannot accept its own session, and nobody can accept twice', () => {
    expect(transition(offered(), { by: 'local', action: 'session-accept' })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(received(), { by: 'remote', action: 'session-accept' })).toEqual({ ok: false, refusal: 'out-of-order' });
    const active = run(offered(), { by: 'remote', action: 'session-accept' });
    expect(transition(active, { by: 'remote', action: 'session-accept' })).toEqual({ ok: false, refusal: 'out-of-order' });
  });

  it.each(REASONS)('§7.4: a session ends with reason %s, from either side and either state', (reason) => {
    const fromPending = run(received(), { by: 'remote', action: 'session-terminate', reason });
    expect(fromPending).toMatchObject({ state: 'ended', ended: { reason, by: 'remote' } });
    const fromActive = run(offered(), { by: 'remote', action: 'session-accept' }, { by: 'local', action: 'session-terminate', reason });
    expect(fromActive).toMatchObject({ state: 'ended', ended: { reason, by: 'local' } });
    expect(waitingFor(fromActive)).toBeUndefined();
  });

  it('an ended session refuses everything as unknown (§8: unknown-session)', () => {
    const ended = run(offered(), { by: 'remote', action: 'session-terminate', reason: 'decline' });
    expect(transition(ended, { by: 'remote', action: 'session-accept' })).toEqual({ ok: false, refusal: 'unknown-session' });
    expect(transition(ended, { by: 'remote', action: 'session-terminate', reason: 'success' })).toEqual({ ok: false, refusal: 'unknown-session' });
    expect(transition(ended, { by: 'timer' })).toEqual({ ok: false, refusal: 'unknown-session' });
  });

  it('§7.4 timeout: every waiting state ends with reason timeout when its timer fires', () => {
    expect(run(offered(), { by: 'timer' }).ended).toEqual({ reason: 'timeout', by: 'local' });
    expect(run(received(), { by: 'timer' }).ended).toEqual({ reason: 'timeout', by: 'local' });
    const active = run(offered(), { by: 'remote', action: 'session-accept' });
    const adding = run(active, { by: 'local', action: 'content-add', contents: [{ name: 'more', creator: 'initiator', transport: IBB }] });
    expect(waitingFor(adding)).toEqual({ kind: 'content-accept', content: 'more' });
    expect(run(adding, { by: 'timer' }).ended?.reason).toBe('timeout');
    const replacing = run(active, { by: 'local', action: 'transport-replace', contents: [{ ...file, transport: IBB }] });
    expect(waitingFor(replacing)).toEqual({ kind: 'transport-accept', content: 'file' });
    expect(run(replacing, { by: 'timer' }).ended?.reason).toBe('timeout');
    // Nothing to wait for: a stray timer is refused rather than ending a working session.
    expect(transition(active, { by: 'timer' })).toEqual({ ok: false, refusal: 'out-of-order' });
  });

  it('§7.2.15, §7.2.12: a replaced transport takes effect once the other party accepts it', () => {
    const replacing = run(offered(), { by: 'local', action: 'transport-replace', contents: [{ ...file, transport: IBB }] });
    expect(replacing.contents[0]).toMatchObject({ transport: S5B, replacing: { transport: IBB, by: 'local' } });
    const accepted = run(replacing, { by: 'remote', action: 'transport-accept', contents: [file] });
    expect(accepted.contents).toEqual([{ name: 'file', creator: 'initiator', transport: IBB }]);
    // Still pending: the replacement happened before the session was accepted (XEP-0260 §2.4 fallback).
    expect(waitingFor(accepted)).toEqual({ kind: 'session-accept' });
  });

  it('§7.2.13: a rejected replacement keeps the old transport', () => {
    const replacing = run(received(), { by: 'local', action: 'transport-replace', contents: [{ ...file, transport: IBB }] });
    expect(run(replacing, { by: 'remote', action: 'transport-reject', contents: [file] }).contents).toEqual([{ name: 'file', creator: 'initiator', transport: S5B }]);
  });

  it('§7.2.15: one replacement at a time, answered only by the other party, and only for a known content', () => {
    const replacing = run(offered(), { by: 'local', action: 'transport-replace', contents: [{ ...file, transport: IBB }] });
    expect(transition(replacing, { by: 'remote', action: 'transport-replace', contents: [{ ...file, transport: IBB }] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(replacing, { by: 'local', action: 'transport-accept', contents: [file] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(offered(), { by: 'remote', action: 'transport-accept', contents: [file] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(offered(), { by: 'local', action: 'transport-replace', contents: [{ name: 'nope', creator: 'initiator', transport: IBB }] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(offered(), { by: 'local', action: 'transport-replace', contents: [{ name: 'file', creator: 'initiator' }] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(transition(offered(), { by: 'local', action: 'transport-replace', contents: [] })).toEqual({ ok: false, refusal: 'bad-request' });
  });

  it('§7.2.2, §7.2.1, §7.2.4: added contents wait for the other party, who accepts or rejects them', () => {
    const active = run(offered(), { by: 'remote', action: 'session-accept' });
    const more = { name: 'more', creator: 'responder' as const, transport: IBB };
    const adding = run(active, { by: 'remote', action: 'content-add', contents: [more] });
    expect(transition(adding, { by: 'remote', action: 'content-accept', contents: [more] })).toEqual({ ok: false, refusal: 'out-of-order' });
    expect(run(adding, { by: 'local', action: 'content-accept', contents: [more] }).contents.map((each) => [each.name, each.adding])).toEqual([
      ['file', undefined],
      ['more', undefined],
    ]);
    expect(run(adding, { by: 'local', action: 'content-reject', contents: [more] }).contents.map((each) => each.name)).toEqual(['file']);
    expect(transition(active, { by: 'remote', action: 'content-add', contents: [file] })).toEqual({ ok: false, refusal: 'bad-request' });
  });

  it('§7.2.5: content-remove takes contents away; the last one leaves a void session', () => {
    const active = run(offered(), { by: 'remote', action: 'session-accept' });
    const removed = run(active, { by: 'remote', action: 'content-remove', contents: [file] });
    expect(removed.contents).toEqual([]);
    expect(removed.state).toBe('active');
    expect(transition(removed, { by: 'remote', action: 'content-remove', contents: [file] })).toEqual({ ok: false, refusal: 'out-of-order' });
  });

  it('informational actions leave the state as it is', () => {
    for (const action of ['session-info', 'transport-info', 'description-info', 'security-info'] as const) {
      expect(run(offered(), { by: 'remote', action })).toEqual(offered());
    }
  });

  it('§7.2.16: of two initiates with the same sid, the lower full JID wins, byte by byte', () => {
    expect(peerLosesTieBreak('alice@example.org/a', 'bob@example.org/b')).toBe(true);
    expect(peerLosesTieBreak('bob@example.org/b', 'alice@example.org/a')).toBe(false);
    // Byte order, not locale order: an upper-case letter sorts before any lower-case one.
    expect(peerLosesTieBreak('Zed@example.org/a', 'alice@example.org/a')).toBe(true);
    expect(peerLosesTieBreak('é@example.org/a', 'z@example.org/a')).toBe(false);
  });
});
