// Which account, if any, needs the user's decision about a certificate its server presented.
import type { CertificateInfo } from '../../../shared/ipc/errors.ts';
import type { Account } from '../../../shared/model/account.ts';
import { certificateKey } from '../../stores/ui.ts';

export interface CertificatePrompt {
  readonly account: Account;
  readonly certificate: CertificateInfo;
}

export function findCertificatePrompt(accounts: readonly Account[], declined: readonly string[]): CertificatePrompt | undefined {
  for (const account of accounts) {
    const state = account.connection;
    const reason = state.status === 'offline' || state.status === 'reconnecting' ? state.reason : undefined;
    const certificate = reason?.code === 'untrusted-certificate' ? reason.certificate : undefined;
    if (certificate && !declined.includes(certificateKey(account.id, certificate.fingerprint256))) return { account, certificate };
  }
  return undefined;
}

/** A certificate date in the reader's own format, or as given when it cannot be read. */
export function formatCertificateDate(text: string, locale?: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
