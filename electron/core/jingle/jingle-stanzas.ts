// XEP-0166 Jingle on the wire: the <jingle/> element (§7.1), its contents (§7.3) and reasons (§7.4), and the Jingle
// error conditions (§8).
import xml, { type Element } from '@xmpp/xml';
import { IqReplyError, type ErrorType } from '../xmpp/iq-router.ts';
import { isAction, isReason, type JingleAction, type Reason, type Role } from './session-machine.ts';

export const NS_JINGLE = 'urn:xmpp:jingle:1';
export const NS_JINGLE_ERRORS = 'urn:xmpp:jingle:errors:1';

export type Senders = 'both' | 'initiator' | 'none' | 'responder';

export interface JingleContent {
  readonly name: string;
  readonly creator: Role;
  readonly senders?: Senders;
  /** The application's <description/>, as received (its module parses it). */
  readonly description?: Element;
  /** The transport's <transport/>, as received. */
  readonly transport?: Element;
  /** XEP-0391 §4.1: the <security/> that encrypts the transport, as received. */
  readonly security?: Element;
}

export interface JingleRequest {
  readonly action: JingleAction;
  readonly sid: string;
  readonly initiator?: string;
  readonly responder?: string;
  readonly contents: readonly JingleContent[];
  readonly reason?: { readonly condition: Reason; readonly text?: string };
  /** session-info's payload (e.g. XEP-0234 §7's <checksum/>), the one child that is neither content nor reason. */
  readonly info?: Element;
}

const isRole = (value: string | undefined): value is Role => value === 'initiator' || value === 'responder';
const isSenders = (value: string | undefined): value is Senders => value === 'both' || value === 'initiator' || value === 'none' || value === 'responder';

/** §7.1: the <jingle/> element, or a reason it cannot be used. */
export function parseJingle(jingle: Element): JingleRequest | 'bad-request' {
  const { action, sid } = jingle.attrs;
  if (typeof action !== 'string' || !isAction(action) || typeof sid !== 'string' || sid === '') return 'bad-request';
  const contents: JingleContent[] = [];
  for (const content of jingle.getChildren('content')) {
    const { name, creator, senders } = content.attrs;
    // §7.3: name and creator are required.
    if (typeof name !== 'string' || name === '' || !isRole(creator)) return 'bad-request';
    const description = content.getChildElements().find((child) => child.name === 'description');
    const transport = content.getChildElements().find((child) => child.name === 'transport');
    const security = content.getChildElements().find((child) => child.name === 'security');
    contents.push({ name, creator, ...(isSenders(senders) ? { senders } : {}), ...(description ? { description } : {}), ...(transport ? { transport } : {}), ...(security ? { security } : {}) });
  }
  const reasonElement = jingle.getChild('reason');
  const condition = reasonElement?.getChildElements().find((child) => child.name !== 'text')?.name;
  const text = reasonElement?.getChildText('text')?.trim();
  // §7.4: session-terminate carries a reason; one we do not know reads as general-error.
  const reason = condition === undefined ? undefined : { condition: isReason(condition) ? condition : ('general-error' as const), ...(text ? { text } : {}) };
  const info = jingle.getChildElements().find((child) => child.name !== 'content' && child.name !== 'reason');
  return {
    action,
    sid,
    ...(typeof jingle.attrs.initiator === 'string' ? { initiator: jingle.attrs.initiator } : {}),
    ...(typeof jingle.attrs.responder === 'string' ? { responder: jingle.attrs.responder } : {}),
    contents,
    ...(reason ? { reason } : {}),
    ...(info ? { info } : {}),
  };
}

export interface BuildContent {
  readonly name: string;
  readonly creator: Role;
  readonly senders?: Senders;
  readonly description?: Element;
  readonly transport?: Element;
  readonly security?: Element | undefined;
}

/** §7.1: an iq set carrying one Jingle action. */
export function buildJingle(args: {
  to: string;
  action: JingleAction;
  sid: string;
  initiator?: string;
  responder?: string;
  contents?: readonly BuildContent[];
  reason?: { condition: Reason; text?: string };
  info?: Element;
}): Element {
  const contents = (args.contents ?? []).map((content) =>
    xml('content', { creator: content.creator, name: content.name, ...(content.senders ? { senders: content.senders } : {}) }, content.description, content.transport, content.security),
  );
  const reason = args.reason && xml('reason', {}, xml(args.reason.condition), args.reason.text === undefined ? undefined : xml('text', {}, args.reason.text));
  const attrs = {
    xmlns: NS_JINGLE,
    action: args.action,
    sid: args.sid,
    ...(args.initiator === undefined ? {} : { initiator: args.initiator }),
    ...(args.responder === undefined ? {} : { responder: args.responder }),
  };
  return xml('iq', { type: 'set', to: args.to }, xml('jingle', attrs, ...contents, reason, args.info));
}

/** §8: the Jingle-specific conditions, each with the stanza error it goes with. */
export const JINGLE_ERRORS = {
  'out-of-order': { type: 'wait', condition: 'unexpected-request' },
  'tie-break': { type: 'cancel', condition: 'conflict' },
  'unknown-session': { type: 'cancel', condition: 'item-not-found' },
  'unsupported-info': { type: 'modify', condition: 'feature-not-implemented' },
} as const satisfies Record<string, { type: ErrorType; condition: string }>;
export type JingleErrorCondition = keyof typeof JINGLE_ERRORS;

/** §8: the error a request is answered with, carrying the stanza condition and the Jingle one. */
export const jingleReplyError = (condition: JingleErrorCondition): IqReplyError =>
  new IqReplyError(JINGLE_ERRORS[condition].type, JINGLE_ERRORS[condition].condition, xml(condition, { xmlns: NS_JINGLE_ERRORS }));

/** §8: the Jingle condition of an error answer, if it has one. */
export function jingleErrorOf(stanza: Element): string | undefined {
  return stanza
    .getChild('error')
    ?.getChildElements()
    .find((child) => child.attrs.xmlns === NS_JINGLE_ERRORS)?.name;
}
