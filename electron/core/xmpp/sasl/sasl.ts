// SASL authentication on the stream, RFC 6120 §6, with Causette's own mechanisms.
import type { Client } from '@xmpp/client-core';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import { exchange } from '../stream/nonza.ts';
import { announcedBindings, chooseBinding, type TlsChannel } from './channel-binding.ts';
import { checkDowngrade, type SaslMemory } from './downgrade.ts';
import { chooseMechanism, offersPlus, startMechanism, type Credentials, type MechanismChoice } from './mechanisms.ts';

export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

export interface SaslDeps {
  readonly streamFeatures: StreamFeatures;
  readonly credentials: Credentials;
  /** The account's bare JID, for messages. */
  readonly jid: string;
  readonly domain: string;
  readonly logger: Logger;
  /** The TLS channel under the stream now, to bind SCRAM to. */
  readonly channel: () => TlsChannel | undefined;
  /** What the account's last sign-in used, against which this offer is checked (undefined: never signed in). */
  readonly memory: () => SaslMemory | undefined;
  /** After the server accepted us: what to remember for the next sign-in. */
  readonly onAuthenticated: (memory: SaslMemory) => void;
}

// RFC 6120 §6.4.2: a zero-length initial response is sent as "=".
const encode = (text: string) => (text === '' ? '=' : Buffer.from(text, 'utf8').toString('base64'));
const decode = (text: string) => (text === '=' ? '' : Buffer.from(text.trim(), 'base64').toString('utf8'));
// A mechanism with more round trips than this is not one of ours: the server is misbehaving.
const maxChallenges = 3;

// RFC 6120 §6.5: SASL failure conditions.
export function saslFailure(element: Element, jid: string, domain: string): CausetteError {
  const condition = element.getChildElements().find((child) => child.name !== 'text')?.name ?? 'not-authorized';
  const text = element.getChildText('text');
  const detail = text ? ` The server said: “${text}”` : '';
  const said: Record<string, string> = text ? { serverText: text } : {};
  switch (condition) {
    // The server's text here is a mechanism's wording ("SCRAM: invalid proof"), which says no more than this to the user.
    case 'not-authorized':
    case 'credentials-expired':
      return new CausetteError('not-authorized', `Wrong password for ${jid}, or no such account on ${domain}.`, undefined, { context: 'password', jid, domain });
    case 'account-disabled':
      return new CausetteError('not-authorized', `The account ${jid} is disabled on the server.${detail}`, undefined, { context: 'disabled', jid, ...said });
    case 'encryption-required':
      return new CausetteError('insecure-stream', `The server ${domain} requires encryption for this sign-in.${detail}`, undefined, { context: 'domain', domain, ...said });
    case 'temporary-auth-failure':
      return new CausetteError('stream-error', `The server ${domain} could not check the password right now.${detail}`, undefined, { context: 'authLater', domain, ...said });
    default:
      return new CausetteError('no-mechanism', `Signing in to ${domain} failed (${condition}).${detail}`, undefined, { context: 'condition', domain, condition, ...said });
  }
}

async function authenticate(entity: Client, choice: MechanismChoice, deps: SaslDeps): Promise<void> {
  const mechanism = startMechanism(choice, deps.credentials);
  let challenges = 0;
  const auth = xml('auth', { xmlns: NS_SASL, mechanism: choice.name }, encode(mechanism.initialResponse));
  await exchange(entity, auth, async (element, done) => {
    if (element.attrs.xmlns !== NS_SASL) return;
    if (element.name === 'challenge') {
      challenges += 1;
      if (challenges > maxChallenges) throw new CausetteError('no-mechanism', `The server ${deps.domain} sent too many SASL challenges.`);
      const answer = await mechanism.challenge(decode(element.text()));
      await entity.send(xml('response', { xmlns: NS_SASL }, answer === '' ? undefined : encode(answer)));
    } else if (element.name === 'success') {
      mechanism.success(decode(element.text()));
      done(undefined);
    } else if (element.name === 'failure') {
      throw saslFailure(element, deps.jid, deps.domain);
    }
  });
}

export function setupSasl(deps: SaslDeps): void {
  deps.streamFeatures.use('mechanisms', NS_SASL, async ({ entity, stanza }, _next, feature) => {
    const offered = feature.getChildren('mechanism', NS_SASL).map((mechanism) => mechanism.text());
    checkDowngrade(deps.memory(), offered, deps.domain);
    const binding = chooseBinding(deps.channel(), announcedBindings(stanza));
    const choice = chooseMechanism(offered, entity.isSecure(), deps.domain, binding);
    const channelBinding = typeof choice.binding === 'string' ? choice.binding : choice.binding.type;
    deps.logger.info('authenticating', { mechanism: choice.name, channelBinding });
    await authenticate(entity, choice, deps);
    deps.onAuthenticated({ mechanism: choice.name, plusOffered: offersPlus(offered) });
    // RFC 6120 §6.4.6: a new stream follows a successful authentication.
    await entity.restart();
  });
}
