// XEP-0166 Jingle session state machine (§6, §7.2): pending → active → ended, as a pure function from a session and an
// action (ours or the peer's) to the next session, or the error that refuses the action. No I/O: the caller sends and
// receives the stanzas, and arms a timer for each waiting state (`waitingFor`).

/** §7.4: every reason a session may end with. */
export const REASONS = [
  'alternative-session',
  'busy',
  'cancel',
  'connectivity-error',
  'decline',
  'expired',
  'failed-application',
  'failed-transport',
  'general-error',
  'gone',
  'incompatible-parameters',
  'media-error',
  'security-error',
  'success',
  'timeout',
  'unsupported-applications',
  'unsupported-transports',
] as const;
export type Reason = (typeof REASONS)[number];
export const isReason = (name: string): name is Reason => (REASONS as readonly string[]).includes(name);

/** §7.2: the actions this machine knows. */
export const ACTIONS = [
  'content-accept',
  'content-add',
  'content-modify',
  'content-reject',
  'content-remove',
  'description-info',
  'security-info',
  'session-accept',
  'session-info',
  'session-initiate',
  'session-terminate',
  'transport-accept',
  'transport-info',
  'transport-reject',
  'transport-replace',
] as const;
export type JingleAction = (typeof ACTIONS)[number];
export const isAction = (name: string): name is JingleAction => (ACTIONS as readonly string[]).includes(name);

export type SessionState = 'pending' | 'active' | 'ended';
export type Role = 'initiator' | 'responder';
export type Party = 'local' | 'remote';

export interface Content {
  readonly name: string;
  readonly creator: Role;
  /** The transport's namespace (e.g. XEP-0261's). */
  readonly transport: string;
  /** §7.2.15: a replacement offered and not yet accepted or rejected, and by whom. */
  readonly replacing?: { readonly transport: string; readonly by: Party };
  /** §7.2.2: added during the session and not yet accepted, and by whom. */
  readonly adding?: Party;
}

/** What the session waits for; each has a deadline (`timeouts`), after which the session ends with reason `timeout`. */
export type Waiting =
  | { readonly kind: 'session-accept' }
  | { readonly kind: 'user' }
  | { readonly kind: 'content-accept'; readonly content: string }
  | { readonly kind: 'transport-accept'; readonly content: string };

export interface Session {
  readonly sid: string;
  readonly role: Role;
  readonly state: SessionState;
  readonly contents: readonly Content[];
  /** Why it ended, and who ended it. */
  readonly ended?: { readonly reason: Reason; readonly by: Party };
}

export interface ContentRef {
  readonly name: string;
  readonly creator: Role;
  readonly transport?: string;
}

export type Event =
  | { readonly by: Party; readonly action: 'session-accept' | 'session-info' | 'description-info' | 'security-info' | 'transport-info' | 'content-modify'; readonly contents?: readonly ContentRef[] }
  | { readonly by: Party; readonly action: 'session-terminate'; readonly reason: Reason }
  | { readonly by: Party; readonly action: 'content-add' | 'content-accept' | 'content-reject' | 'content-remove' | 'transport-replace' | 'transport-accept' | 'transport-reject'; readonly contents: readonly ContentRef[] }
  | { readonly by: 'timer' };

/** §8: why an action is refused (the Jingle error condition the peer is answered with). */
export type Refusal = 'out-of-order' | 'unknown-session' | 'bad-request';

export type Step = { readonly ok: true; readonly session: Session } | { readonly ok: false; readonly refusal: Refusal };

/** How long each waiting state may last before the session ends with `timeout` (§7.4). */
export const timeouts: { readonly [K in Waiting['kind']]: number } = {
  'session-accept': 2 * 60_000,
  user: 5 * 60_000,
  'content-accept': 60_000,
  'transport-accept': 60_000,
};

/** §6.2: a session we offer, or one the peer offered us. */
export function newSession(sid: string, by: Party, contents: readonly ContentRef[]): Session {
  return {
    sid,
    role: by === 'local' ? 'initiator' : 'responder',
    state: 'pending',
    contents: contents.map((each) => ({ name: each.name, creator: each.creator, transport: each.transport ?? '' })),
  };
}

/** The party that plays a role in this session. */
const partyOf = (session: Session, role: Role): Party => (session.role === role ? 'local' : 'remote');
const other = (party: Party): Party => (party === 'local' ? 'remote' : 'local');
const refuse = (refusal: Refusal): Step => ({ ok: false, refusal });
const same = (content: Content, ref: ContentRef) => content.name === ref.name && content.creator === ref.creator;

/** What the session now waits for, if anything: the first outstanding negotiation, then the acceptance of the session. */
export function waitingFor(session: Session): Waiting | undefined {
  if (session.state === 'ended') return undefined;
  const adding = session.contents.find((each) => each.adding !== undefined);
  if (adding) return { kind: 'content-accept', content: adding.name };
  const replacing = session.contents.find((each) => each.replacing !== undefined);
  if (replacing) return { kind: 'transport-accept', content: replacing.name };
  if (session.state === 'pending') return session.role === 'initiator' ? { kind: 'session-accept' } : { kind: 'user' };
  return undefined;
}

function end(session: Session, reason: Reason, by: Party): Step {
  return { ok: true, session: { ...session, state: 'ended', ended: { reason, by } } };
}

/** Applies `change` to the named contents; refuses when one is unknown or `allowed` says no. */
function onContents(session: Session, refs: readonly ContentRef[], allowed: (content: Content) => boolean, change: (content: Content, ref: ContentRef) => Content | undefined): Step {
  if (refs.length === 0) return refuse('bad-request');
  const found = refs.map((ref) => session.contents.find((content) => same(content, ref)));
  if (found.some((content) => content === undefined || !allowed(content))) return refuse('out-of-order');
  const contents = session.contents.flatMap((content) => {
    const ref = refs.find((each) => same(content, each));
    if (!ref) return [content];
    const changed = change(content, ref);
    return changed ? [changed] : [];
  });
  return { ok: true, session: { ...session, contents } };
}

export function transition(session: Session, event: Event): Step {
  if (session.state === 'ended') return refuse('unknown-session');
  // §7.4 with a timer: the waiting state lasted too long.
  if (event.by === 'timer') return waitingFor(session) ? end(session, 'timeout', 'local') : refuse('out-of-order');
  const { by } = event;
  switch (event.action) {
    // §7.2.10: either party may end the session at any time.
    case 'session-terminate':
      return end(session, event.reason, by);
    // §7.2.8: only the responder accepts, once.
    case 'session-accept':
      if (session.state !== 'pending' || by !== partyOf(session, 'responder')) return refuse('out-of-order');
      return { ok: true, session: { ...session, state: 'active' } };
    // §7.2.9, §7.2.6, §7.2.11, §7.2.14, §7.2.3: informational, in either state.
    case 'session-info':
    case 'description-info':
    case 'security-info':
    case 'transport-info':
    case 'content-modify':
      return { ok: true, session };
    // §7.2.2: new contents wait for the other party's content-accept.
    case 'content-add': {
      if (event.contents.length === 0) return refuse('bad-request');
      if (event.contents.some((ref) => session.contents.some((content) => same(content, ref)))) return refuse('bad-request');
      const added = event.contents.map((ref): Content => ({ name: ref.name, creator: ref.creator, transport: ref.transport ?? '', adding: by }));
      return { ok: true, session: { ...session, contents: [...session.contents, ...added] } };
    }
    // §7.2.1 and §7.2.4: the other party of the content-add answers it.
    case 'content-accept':
    case 'content-reject': {
      const accept = event.action === 'content-accept';
      return onContents(session, event.contents, (content) => content.adding === other(by), (content) =>
        accept ? { name: content.name, creator: content.creator, transport: content.transport, ...(content.replacing ? { replacing: content.replacing } : {}) } : undefined,
      );
    }
    // §7.2.5: either party removes contents; a session left without any is void (the caller terminates it).
    case 'content-remove':
      return onContents(session, event.contents, () => true, () => undefined);
    // §7.2.15: one replacement at a time per content; the other party accepts or rejects it (§7.2.12, §7.2.13).
    case 'transport-replace':
      return onContents(
        session,
        event.contents,
        (content) => content.replacing === undefined && event.contents.every((ref) => ref.transport !== undefined && ref.transport !== ''),
        (content, ref) => ({ ...content, replacing: { transport: ref.transport ?? '', by } }),
      );
    case 'transport-accept':
    case 'transport-reject': {
      const accept = event.action === 'transport-accept';
      return onContents(session, event.contents, (content) => content.replacing?.by === other(by), (content) => {
        const { replacing, ...rest } = content;
        return accept && replacing ? { ...rest, transport: replacing.transport } : rest;
      });
    }
  }
}

/**
 * §7.2.16 tie-breaking: both parties sent a session-initiate with the same sid at once. The one from the lower full JID
 * (compared byte by byte) goes on; the other is answered with a conflict and <tie-break/>. True when the peer's request loses.
 */
export function peerLosesTieBreak(ownFullJid: string, peerFullJid: string): boolean {
  return Buffer.compare(Buffer.from(ownFullJid, 'utf8'), Buffer.from(peerFullJid, 'utf8')) < 0;
}
