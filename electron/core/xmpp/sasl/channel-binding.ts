// SCRAM channel binding (RFC 5802 §6): which TLS binding to use (XEP-0440) and its data (RFC 9266, RFC 5929).
import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Element } from '@xmpp/xml';

export const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';

export type ChannelBindingType = 'tls-exporter' | 'tls-unique' | 'tls-server-end-point';

export interface ChannelBinding {
  readonly type: ChannelBindingType;
  readonly data: Buffer;
}

/** What this connection can bind to: its TLS version and the data of each type, when it can produce it. */
export interface TlsChannel {
  /** As Node names it: 'TLSv1.3', 'TLSv1.2'. */
  readonly version: string;
  data(type: ChannelBindingType): Buffer | undefined;
}

// Strongest first: the exporter binds the whole TLS 1.3 session, tls-unique the TLS 1.2 handshake, end-point only the certificate.
const preference: readonly ChannelBindingType[] = ['tls-exporter', 'tls-unique', 'tls-server-end-point'];

/** XEP-0440 §2: the types the server announces, or undefined when its features say nothing. */
export function announcedBindings(features: Element | undefined): string[] | undefined {
  const announcement = features?.getChild('sasl-channel-binding', NS_SASL_CB);
  return announcement?.getChildren('channel-binding').map((binding) => String(binding.attrs.type ?? ''));
}

// RFC 9266 §3: tls-exporter is for TLS 1.3 (TLS 1.2 would need extended master secret, which Node does not report);
// RFC 9266 §1 and RFC 8446: tls-unique is not defined for TLS 1.3.
function fitsVersion(type: ChannelBindingType, version: string): boolean {
  if (type === 'tls-exporter') return version === 'TLSv1.3';
  if (type === 'tls-unique') return version !== 'TLSv1.3';
  return true;
}

/**
 * The binding to use, or undefined when there is none in common. A server silent about its types (no XEP-0440) gets the
 * type its TLS version implies: tls-exporter on TLS 1.3 (RFC 9266 §3), tls-unique on TLS 1.2 (RFC 5802 §6.1's default).
 */
export function chooseBinding(channel: TlsChannel | undefined, announced: readonly string[] | undefined): ChannelBinding | undefined {
  if (!channel) return undefined;
  const implied: ChannelBindingType = channel.version === 'TLSv1.3' ? 'tls-exporter' : 'tls-unique';
  const candidates = announced === undefined ? [implied] : preference.filter((type) => announced.includes(type));
  for (const type of candidates) {
    if (!fitsVersion(type, channel.version)) continue;
    const data = channel.data(type);
    if (data && data.length > 0) return { type, data };
  }
  return undefined;
}

// RFC 5929 §4.1: the certificate's own signature hash, except MD5 and SHA-1 which become SHA-256.
const endPointHashes: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};

/** RFC 5929 §4: tls-server-end-point of a DER certificate; undefined for signatures it does not define (RSA-PSS, EdDSA). */
export function serverEndPoint(der: Buffer): Buffer | undefined {
  const hash = endPointHashes[new X509Certificate(der).signatureAlgorithmOid];
  return hash === undefined ? undefined : createHash(hash).update(der).digest();
}

export function tlsChannel(socket: TLSSocket): TlsChannel | undefined {
  const version = socket.getProtocol();
  if (!version) return undefined;
  return {
    version,
    data(type) {
      switch (type) {
        case 'tls-exporter':
          // RFC 9266 §2: 32 bytes, empty context (the same as none in TLS 1.3, RFC 8446 §7.5).
          return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
        case 'tls-unique':
          // RFC 5929 §3.1: the first Finished of the handshake: ours on a full one, the server's on a resumption.
          return socket.isSessionReused() ? socket.getPeerFinished() : socket.getFinished();
        case 'tls-server-end-point': {
          const raw = socket.getPeerCertificate().raw as Buffer | undefined;
          return raw ? serverEndPoint(raw) : undefined;
        }
      }
    },
  };
}
