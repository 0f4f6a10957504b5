// A server certificate as the user is shown it: fingerprint, names, validity and why it was refused.
import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../../../shared/ipc/errors.ts';

export interface PresentedCertificate {
  readonly info: CertificateInfo;
  /** Kept so the user can pin exactly this certificate. */
  readonly pem: string;
}

// OpenSSL verification codes as Node reports them, in words.
const problems: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_GET_ISSUER_CERT: 'issued by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issued by an unknown authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issued by an unknown authority',
  CERT_UNTRUSTED: 'issued by an untrusted authority',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
};

/** Normalises a SHA-256 fingerprint to the form X509Certificate.fingerprint256 uses (upper-case, colon-separated). */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

export function fingerprintOf(der: Buffer): string {
  return new X509Certificate(der).fingerprint256;
}

function problemOf(error: Error, certificate: X509Certificate, domain: string): string {
  const code = (error as { code?: unknown }).code;
  const known = typeof code === 'string' ? problems[code] : undefined;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificate.subjectAltName ?? certificate.subject;
    return `hostname mismatch: the certificate is for ${names.replace(/DNS:/g, '')}, not ${domain}`;
  }
  return known ?? error.message;
}

const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');
const isoDate = (text: string) => new Date(text).toISOString();

export function describeCertificate(der: Buffer, error: Error, domain: string): PresentedCertificate {
  const certificate = new X509Certificate(der);
  return {
    info: {
      fingerprint256: certificate.fingerprint256,
      subject: oneLine(certificate.subject),
      issuer: oneLine(certificate.issuer),
      validFrom: isoDate(certificate.validFrom),
      validTo: isoDate(certificate.validTo),
      problem: problemOf(error, certificate, domain),
    },
    pem: certificate.toString(),
  };
}
