// In-band registration, XEP-0077: create the account on the server over a secured, unauthenticated stream.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { parseJid } from '../../../shared/model/jid.ts';
import { StanzaError, toCausetteError, toIqError } from './errors.ts';
import { setupIqCaller, type IqCaller } from './iq/iq-caller.ts';
import { createTrust, PinnedCertificateLearned, type Trust } from './net/trust.ts';
import { saslPrep } from './sasl/saslprep.ts';
import type { ServerAccess } from './connection.ts';
import { attempt } from './stream/attempt.ts';
import { NS_STREAM } from './stream/starttls.ts';
import { createStream, type XmppStream } from './stream/stream.ts';

export const NS_REGISTER = 'jabber:iq:register';
export const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register';
const NS_DATA = 'jabber:x:data';

/** The bare JID in `jid` is the account to create. */
export interface RegistrationOptions extends ServerAccess {
  /** The server's certificate was refused: what the user may choose to trust (its PEM stays in the core). */
  readonly onRefusedCertificate?: (certificate: { readonly fingerprint256: string; readonly pem: string }) => void;
}

interface Target {
  readonly username: string;
  readonly domain: string;
}

// XEP-0077 §3.1: what a plain form may hold besides the name and password without asking the user for more.
const harmlessFields: ReadonlySet<string> = new Set(['instructions', 'username', 'password', 'registered', 'x']);
const formFieldsWeFill: ReadonlySet<string> = new Set(['FORM_TYPE', 'username', 'password']);

function extraFields(query: Element): string[] {
  const legacy = query.getChildElements().filter((child) => !harmlessFields.has(child.name)).map((child) => child.name);
  const form = query.getChild('x', NS_DATA);
  const required = (form?.getChildren('field') ?? [])
    .filter((field) => field.getChild('required') !== undefined && !formFieldsWeFill.has(field.attrs.var ?? ''))
    .map((field) => field.attrs.label ?? field.attrs.var ?? 'unnamed');
  const legacyForm = query.getChild('username') !== undefined && query.getChild('password') !== undefined;
  return !legacyForm && form === undefined ? ['a form Causette cannot read'] : [...legacy, ...required];
}

// XEP-0077 §3.1, §3.3: the error conditions a registration can meet.
function registrationError(error: unknown, { username, domain }: Target): CausetteError {
  const mapped = toIqError(error, domain);
  if (!(mapped instanceof StanzaError)) return toCausetteError(mapped, domain);
  const detail = mapped.text ? `: “${mapped.text}”` : '';
  const said: Record<string, string> = mapped.text ? { serverText: mapped.text } : {};
  switch (mapped.condition) {
    case 'conflict':
      return new CausetteError('registration-conflict', `The name ${username} is already taken on ${domain}.`, undefined, { context: 'name', username, domain });
    case 'not-allowed':
    case 'forbidden':
    case 'service-unavailable':
    case 'feature-not-implemented':
      return new CausetteError('registration-closed', `The server ${domain} does not allow creating accounts here${detail}.`, undefined, { context: 'domain', domain, ...said });
    default:
      return new CausetteError('registration-failed', `The server ${domain} refused the registration (${mapped.condition})${detail}.`, undefined, {
        context: 'condition',
        domain,
        condition: mapped.condition,
        ...said,
      });
  }
}

async function request(iqCaller: IqCaller, type: 'get' | 'set', target: Target, children: Element[], timeoutMs: number): Promise<Element> {
  try {
    const reply = await iqCaller.request(xml('iq', { type, to: target.domain }, xml('query', { xmlns: NS_REGISTER }, children)), timeoutMs);
    return reply.getChild('query', NS_REGISTER) ?? xml('query', { xmlns: NS_REGISTER });
  } catch (error) {
    throw registrationError(error, target);
  }
}

async function registerOnce(options: RegistrationOptions, target: Target, trust: Trust): Promise<void> {
  const timeoutMs = options.connectTimeoutMs ?? 20_000;
  const { domain } = target;
  const stream: XmppStream = createStream({
    account: `register:${target.username}@${domain}`,
    address: { domain, tls: options.tls, ...(options.host === undefined ? {} : { host: options.host }), ...(options.port === undefined ? {} : { port: options.port }) },
    trust,
    stepTimeoutMs: Math.min(timeoutMs, 10_000),
    logger: options.logger,
  });
  const iqCaller = setupIqCaller({ middleware: stream.middleware, entity: stream.entity, domain, logger: options.logger });
  // Reached only once STARTTLS and the TLS guard have passed: the stream is secure here.
  const secured = new Promise<Element>((resolve) => {
    stream.middleware.use((context, next) => (context.stanza.is('features', NS_STREAM) ? resolve(context.stanza) : next()));
  });
  try {
    const features = await attempt(stream, secured, timeoutMs, domain);
    if (!features.getChild('register', NS_REGISTER_FEATURE)) {
      throw new CausetteError('registration-closed', `The server ${domain} does not allow creating accounts here.`, undefined, { context: 'domain', domain });
    }
    const form = await request(iqCaller, 'get', target, [], timeoutMs);
    const extra = extraFields(form);
    if (extra.length > 0) {
      throw new CausetteError('registration-failed', `The server ${domain} asks for more than a name and a password (${extra.join(', ')}); create the account on its website instead.`,
        undefined,
        { context: 'moreFields', domain, fields: extra.join(', ') },
      );
    }
    await request(iqCaller, 'set', target, [xml('username', {}, target.username), xml('password', {}, options.password)], timeoutMs);
    options.logger.info('account registered', { jid: `${target.username}@${domain}` });
  } finally {
    await stream.close();
  }
}

export async function registerAccount(options: RegistrationOptions): Promise<void> {
  const parsed = parseJid(options.jid);
  if (!parsed.ok || parsed.jid.local === undefined) throw new CausetteError('bad-request', `“${options.jid}” is not an account address.`, undefined, { context: 'accountAddress', jid: options.jid });
  const target = { username: parsed.jid.local, domain: parsed.jid.domain };
  // RFC 4013 §2.5: the server stores this password, so it must prepare as a stored string; refused before connecting.
  saslPrep(options.password, 'stored', 'password');
  const trust = createTrust({ domain: target.domain, extraCa: options.extraCa, pinned: options.pinned, logger: options.logger });
  try {
    await registerOnce(options, target, trust).catch(async (error: unknown) => {
      // A pinned certificate seen for the first time is now an anchor: one more try.
      if (!(error instanceof PinnedCertificateLearned)) throw error;
      await registerOnce(options, target, trust);
    });
  } catch (error) {
    if (error instanceof CausetteError && error.code === 'untrusted-certificate' && trust.lastRefused) options.onRefusedCertificate?.(trust.lastRefused);
    throw error;
  }
}
