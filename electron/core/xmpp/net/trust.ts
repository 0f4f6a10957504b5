// What one account trusts: the system's authorities, the extra ones configured, and the certificates the user pinned.
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import type { PeerCertificate, SecureContext } from 'node:tls';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import { describeCertificate, fingerprintOf, normaliseFingerprint } from './certificate.ts';

/** A pinned certificate: its SHA-256 fingerprint, with its PEM when the store kept it. */
export type Pin = string | { readonly fingerprint256: string; readonly pem?: string };

export interface TrustOptions {
  readonly domain: string;
  readonly extraCa: readonly string[];
  readonly pinned: readonly Pin[];
  readonly logger: Logger;
}

export interface Trust {
  secureContext(): Promise<SecureContext>;
  checkServerIdentity(host: string, certificate: PeerCertificate): Error | undefined;
  /** Turns a failed verification into the error to report, or learns a pinned certificate seen for the first time. */
  refused(der: Buffer, error: Error): CausetteError | PinnedCertificateLearned;
  readonly lastRefused: { readonly fingerprint256: string; readonly pem: string } | undefined;
}

/** The server presented a pinned certificate whose PEM was not known yet: it is now a trust anchor, try again. */
export class PinnedCertificateLearned extends Error {
  constructor(fingerprint256: string) {
    super(`learned the pinned certificate ${fingerprint256}`);
    this.name = 'PinnedCertificateLearned';
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let systemAuthorities: Promise<readonly string[]> | undefined;
function authorities(): Promise<readonly string[]> {
  // Read once per process: Node's bundled roots, NODE_EXTRA_CA_CERTS and the operating system's store
  // (tls.getCACertificates, Node ≥ 22.15; older runtimes, such as a test runner on Node 20, get the bundled roots).
  const read = (tls as Partial<Pick<typeof tls, 'getCACertificates'>>).getCACertificates;
  systemAuthorities ??= nextTurn().then(() => (read ? [...new Set([...read('default'), ...read('system')])] : tls.rootCertificates));
  return systemAuthorities;
}

function fingerprintOfPem(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

export function createTrust(options: TrustOptions): Trust {
  const pinned = new Set(options.pinned.map((pin) => normaliseFingerprint(typeof pin === 'string' ? pin : pin.fingerprint256)));
  const anchors = new Map<string, string>();
  for (const pin of options.pinned) {
    if (typeof pin === 'string' || pin.pem === undefined) continue;
    const fingerprint = fingerprintOfPem(pin.pem);
    // A stored PEM is only trusted if it is the certificate the fingerprint names.
    if (fingerprint !== undefined && pinned.has(fingerprint)) anchors.set(fingerprint, pin.pem);
    else options.logger.warn('ignoring a pinned PEM that does not match its fingerprint', { fingerprint256: pin.fingerprint256 });
  }
  let context: SecureContext | undefined;
  let lastRefused: Trust['lastRefused'];

  return {
    async secureContext() {
      if (context) return context;
      const ca = await authorities();
      // Reading the system store (~30 ms the first time) and building a context (~10–25 ms) take separate turns.
      await nextTurn();
      // A pinned leaf is an anchor; allowPartialTrustChain lets a pinned certificate that is not self-signed end the chain.
      context ??= tls.createSecureContext({ ca: [...ca, ...options.extraCa, ...anchors.values()], allowPartialTrustChain: anchors.size > 0 });
      return context;
    },

    checkServerIdentity(host, certificate) {
      const error = tls.checkServerIdentity(host, certificate);
      // RFC 6125 identity check, waived only for the exact certificate the user pinned for this account.
      return error && pinned.has(fingerprintOf(certificate.raw)) ? undefined : error;
    },

    refused(der, error) {
      const presented = describeCertificate(der, error, options.domain);
      const { fingerprint256 } = presented.info;
      if (pinned.has(fingerprint256) && !anchors.has(fingerprint256)) {
        anchors.set(fingerprint256, presented.pem);
        context = undefined;
        return new PinnedCertificateLearned(fingerprint256);
      }
      lastRefused = { fingerprint256, pem: presented.pem };
      return new CausetteError(
        'untrusted-certificate',
        `The certificate of ${options.domain} is not trusted (${presented.info.problem}).`,
        presented.info,
        { context: 'domain', domain: options.domain, problem: presented.info.problem },
      );
    },

    get lastRefused() {
      return lastRefused;
    },
  };
}
