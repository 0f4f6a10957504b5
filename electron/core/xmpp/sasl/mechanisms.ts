// The SASL mechanisms Causette speaks, best first, and the choice among those a server offers (RFC 6120 §6.3.3).
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { createScramClient, type ScramHash } from './scram.ts';

export const mechanismPreference = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;
export type MechanismName = (typeof mechanismPreference)[number];

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
 * Picks the strongest offered mechanism. PLAIN sends the password itself, so it is only ever used over TLS
 * (RFC 6120 §13.8.3); without TLS a server offering nothing else is refused as insecure.
 */
export function chooseMechanism(offered: readonly string[], secure: boolean, domain: string): MechanismName {
  const available = new Set(offered.map((name) => name.trim().toUpperCase()));
  const usable = mechanismPreference.find((name) => available.has(name) && (name !== 'PLAIN' || secure));
  if (usable) return usable;
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

function scram(hash: ScramHash, credentials: Credentials): Mechanism {
  const client = createScramClient({ hash, ...credentials });
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

export function startMechanism(name: MechanismName, credentials: Credentials): Mechanism {
  switch (name) {
    case 'SCRAM-SHA-256':
      return scram('sha256', credentials);
    case 'SCRAM-SHA-1':
      return scram('sha1', credentials);
    case 'PLAIN':
      return plain(credentials);
  }
}
