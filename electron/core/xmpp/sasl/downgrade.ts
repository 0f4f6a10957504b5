// Downgrade protection: a server that offered SCRAM (and -PLUS) before must not be believed when it suddenly offers less.
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { mechanismPreference, offersPlus } from './mechanisms.ts';

/** What an account's last sign-in used and saw, kept with the account. */
export interface SaslMemory {
  readonly mechanism: string;
  /** Whether the server offered any SCRAM-*-PLUS then. */
  readonly plusOffered: boolean;
}

const scramNames: ReadonlySet<string> = new Set(mechanismPreference.filter((name) => name.startsWith('SCRAM-')));

type Weaker = 'plain' | 'noScram' | 'noPlus';
const weaker: Record<Weaker, string> = {
  plain: 'only a clear-text password, where it offered SCRAM',
  noScram: 'no SCRAM any more',
  noPlus: 'SCRAM without channel binding, where it offered SCRAM-PLUS',
};

const refusal = (domain: string, what: Weaker) =>
  new CausetteError(
    'sasl-downgrade',
    `The server ${domain} now offers a weaker sign-in than before (${weaker[what]}). Someone may be intercepting the connection, so Causette did not send your password. ` +
      'If the server really changed (its operator changed its setup, or the account moved to another server), remove this account and add it again.',
    undefined,
    { domain, context: what },
  );

/** Throws 'sasl-downgrade' when `offered` is weaker than what the account signed in with before. */
export function checkDowngrade(memory: SaslMemory | undefined, offered: readonly string[], domain: string): void {
  if (!memory?.mechanism.startsWith('SCRAM-')) return;
  const available = offered.map((name) => name.trim().toUpperCase());
  if (!available.some((name) => scramNames.has(name))) {
    throw refusal(domain, available.includes('PLAIN') ? 'plain' : 'noScram');
  }
  if (memory.plusOffered && !offersPlus(available)) throw refusal(domain, 'noPlus');
}
