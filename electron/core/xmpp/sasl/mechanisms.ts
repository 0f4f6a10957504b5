// The SASL mechanisms Causette speaks, best first, and the choice among those a server offers (RFC 6120 §6.3.3).
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { ChannelBinding } from './channel-binding.ts';
import { createScramClient, type ScramHash } from './scram.ts';

// RFC 5802 §6: -PLUS (bound to this TLS channel) before plain SCRAM; RFC 7677: SHA-256 before SHA-1.
export const mechanismPreference = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;
export type MechanismName = (typeof mechanismPreference)[number];

/** The mechanism to run and, for SCRAM, what its GS2 header says about channel binding. */
export interface MechanismChoice {
  readonly name: MechanismName;
  readonly binding: 'n' | 'y' | ChannelBinding;
}

const isPlus = (name: string) => name.startsWith('SCRAM-') && name.endsWith('-PLUS');

/** Whether the server offers any SCRAM-*-PLUS, ours or not. */
export const offersPlus = (offered: readonly string[]) => offered.some((name) => isPlus(name.trim().toUpperCase()));

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** One run of a mechanism: the initial response, then an answer per challenge, then the check of the outcome. */
export interface Mechanism {
  readonly initialResponse: string;
  challenge(data: string): Promise<string>;
  success(additionalData: string): void;
}

/**
 * Picks the strongest offered mechanism; -PLUS only with a channel binding to use. PLAIN sends the password itself,
 * so it is only ever used over TLS (RFC 6120 §13.8.3); without TLS a server offering nothing else is refused as insecure.
 */
export function chooseMechanism(offered: readonly string[], secure: boolean, domain: string, binding?: ChannelBinding): MechanismChoice {
  const available = new Set(offered.map((name) => name.trim().toUpperCase()));
  const usable = mechanismPreference.find((name) => available.has(name) && (isPlus(name) ? binding !== undefined : name !== 'PLAIN' || secure));
  if (usable && binding && isPlus(usable)) return { name: usable, binding };
  // RFC 5802 §6: 'y' tells a server that offered no -PLUS that we could have bound, so a stripped -PLUS is noticed;
  // where it offers a -PLUS we cannot use, 'y' would make it fail us, so 'n'.
  if (usable) return { name: usable, binding: binding && !offersPlus(offered) ? 'y' : 'n' };
  if (available.has('PLAIN')) {
    throw new CausetteError('insecure-stream', `The server ${domain} only accepts a clear-text password, and this connection is not encrypted.`, undefined, {
      context: 'plainOnly',
      domain,
    });
  }
  const list = offered.length > 0 ? offered.join(', ') : 'none';
  throw new CausetteError('no-mechanism', `The server ${domain} offers no sign-in method Causette supports (offered: ${list}).`, undefined, { context: 'offered', domain, offered: list });
}

function plain({ username, password }: Credentials): Mechanism {
  return {
    // RFC 4616 §2: [authzid] NUL authcid NUL passwd.
    initialResponse: `\u0000${username}\u0000${password}`,
    challenge: () => Promise.reject(new CausetteError('no-mechanism', 'The server sent a challenge during PLAIN authentication.')),
    success: () => undefined,
  };
}

function scram(hash: ScramHash, credentials: Credentials, binding: MechanismChoice['binding']): Mechanism {
  const client = createScramClient({ hash, ...credentials, binding });
  let verified = false;
  let finalSent = false;
  return {
    initialResponse: client.clientFirst,
    async challenge(data) {
      if (!finalSent) {
        finalSent = true;
        return client.clientFinal(data);
      }
      // RFC 6120 §6.4.6: some servers send the server-final-message as a challenge and succeed empty.
      client.verifyServerFinal(data);
      verified = true;
      return '';
    },
    success(additionalData) {
      if (additionalData !== '') {
        client.verifyServerFinal(additionalData);
        verified = true;
      }
      if (!verified) throw new CausetteError('no-mechanism', 'The server reported success without proving it knows the password.');
    },
  };
}

export function startMechanism({ name, binding }: MechanismChoice, credentials: Credentials): Mechanism {
  switch (name) {
    case 'SCRAM-SHA-256-PLUS':
    case 'SCRAM-SHA-256':
      return scram('sha256', credentials, binding);
    case 'SCRAM-SHA-1-PLUS':
    case 'SCRAM-SHA-1':
      return scram('sha1', credentials, binding);
    case 'PLAIN':
      return plain(credentials);
  }
}
