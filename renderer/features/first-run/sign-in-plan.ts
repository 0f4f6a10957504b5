// Pure decisions of the welcome forms: is this an address, which server settings, and how to retry a sign-in.
import type { Account, TlsMode } from '../../../shared/model/account.ts';
import { i18n } from '../../i18n/index.ts';

/** What the "Advanced" fields hold, as typed. */
export interface ServerValues {
  readonly host: string;
  readonly port: string;
  readonly tls: TlsMode;
}

export const emptyServer: ServerValues = { host: '', port: '', tls: 'auto' };

export interface ServerOverride {
  readonly host?: string;
  readonly port?: number;
  readonly tls: TlsMode;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A quick local check of "name@server" (RFC 7622 is applied in full by Causette itself). */
export function checkAddress(text: string): Checked<string> {
  const address = text.trim();
  if (address === '') return { ok: false, message: i18n.t('signIn.check.empty') };
  if (address.includes('/')) return { ok: false, message: i18n.t('signIn.check.resource') };
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) return { ok: false, message: i18n.t('signIn.check.shape') };
  return { ok: true, value: address };
}

export function checkServer(values: ServerValues): Checked<ServerOverride> {
  const host = values.host.trim();
  const portText = values.port.trim();
  if (/\s/.test(host)) return { ok: false, message: i18n.t('signIn.check.hostSpaces') };
  let port: number | undefined;
  if (portText !== '') {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: i18n.t('signIn.check.port') };
  }
  return {
    ok: true,
    value: { ...(host === '' ? {} : { host }), ...(port === undefined ? {} : { port }), tls: values.tls },
  };
}

export function checkNewPassword(password: string, confirmation: string): Checked<string> {
  if (password === '') return { ok: false, message: i18n.t('signIn.check.choosePassword') };
  if (password !== confirmation) return { ok: false, message: i18n.t('signIn.check.passwordsDiffer') };
  return { ok: true, value: password };
}

/** The "Advanced" fields as an existing account has them. */
export function serverValuesOf(account: Account): ServerValues {
  return { host: account.host ?? '', port: account.port === undefined ? '' : String(account.port), tls: account.tls };
}

export type SignInPlan =
  | { readonly kind: 'add' }
  /** Same account, same server: sign in again with the new password (as Gajim and Dino let you fix it). */
  | { readonly kind: 'connect'; readonly accountId: string }
  /** The address or server changed: the failed account is replaced by a new one. */
  | { readonly kind: 'replace'; readonly accountId: string };

export function planSignIn(pending: Account | undefined, address: string, server: ServerOverride): SignInPlan {
  if (!pending) return { kind: 'add' };
  const sameAddress = pending.jid.toLowerCase() === address.trim().toLowerCase();
  const sameServer = pending.host === server.host && pending.port === server.port && pending.tls === server.tls;
  return sameAddress && sameServer ? { kind: 'connect', accountId: pending.id } : { kind: 'replace', accountId: pending.id };
}
