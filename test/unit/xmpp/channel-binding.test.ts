import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import {
  announcedBindings,
  chooseBinding,
  NS_SASL_CB,
  serverEndPoint,
  type ChannelBindingType,
  type TlsChannel,
} from '../../../electron/core/xmpp/sasl/channel-binding.ts';
import { ecdsaSha384, ed25519, rsaPss, rsaSha1 } from './certificate-fixtures.ts';

const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');

/** A channel that can produce the given types; each one's data is its name, to see which was taken. */
function channel(version: string, types: readonly ChannelBindingType[]): TlsChannel {
  return { version, data: (type) => (types.includes(type) ? Buffer.from(type) : undefined) };
}
const all: ChannelBindingType[] = ['tls-exporter', 'tls-unique', 'tls-server-end-point'];
const chosen = (tls: TlsChannel | undefined, announced?: readonly string[]) => chooseBinding(tls, announced)?.type;

describe('choosing a channel binding', () => {
  it('without an announcement (XEP-0440), takes the type the TLS version implies', () => {
    expect(chosen(channel('TLSv1.3', all))).toBe('tls-exporter');
    expect(chosen(channel('TLSv1.2', all))).toBe('tls-unique');
    // Not guessed further: a type the server did not announce could make it fail the sign-in.
    expect(chosen(channel('TLSv1.2', ['tls-server-end-point']))).toBeUndefined();
  });

  it('with an announcement, takes the strongest announced type this connection can produce', () => {
    expect(chosen(channel('TLSv1.3', all), ['tls-server-end-point', 'tls-exporter'])).toBe('tls-exporter');
    expect(chosen(channel('TLSv1.2', all), ['tls-server-end-point', 'tls-unique'])).toBe('tls-unique');
    expect(chosen(channel('TLSv1.2', all), ['tls-server-end-point'])).toBe('tls-server-end-point');
    expect(chosen(channel('TLSv1.3', ['tls-exporter']), ['tls-server-end-point'])).toBeUndefined();
    expect(chosen(channel('TLSv1.3', all), [])).toBeUndefined();
  });

  it('never uses tls-exporter on TLS 1.2 nor tls-unique on TLS 1.3 (RFC 9266 §3)', () => {
    expect(chosen(channel('TLSv1.2', all), ['tls-exporter'])).toBeUndefined();
    expect(chosen(channel('TLSv1.3', all), ['tls-unique'])).toBeUndefined();
    expect(chosen(channel('TLSv1.3', all), ['tls-unique', 'tls-server-end-point'])).toBe('tls-server-end-point');
  });

  it('has nothing to bind to without TLS, or with empty data', () => {
    expect(chosen(undefined)).toBeUndefined();
    expect(chooseBinding({ version: 'TLSv1.3', data: () => Buffer.alloc(0) }, undefined)).toBeUndefined();
  });

  it('returns the data of the type it chose', () => {
    expect(chooseBinding(channel('TLSv1.3', all), undefined)).toEqual({ type: 'tls-exporter', data: Buffer.from('tls-exporter') });
  });
});

describe('the announcement of channel-binding types (XEP-0440 §2)', () => {
  it('lists the types in the stream features, or nothing when there is no announcement', () => {
    const features = xml(
      'stream:features',
      {},
      xml('sasl-channel-binding', { xmlns: NS_SASL_CB }, xml('channel-binding', { type: 'tls-server-end-point' }), xml('channel-binding', { type: 'tls-exporter' })),
    );
    expect(announcedBindings(features)).toEqual(['tls-server-end-point', 'tls-exporter']);
    expect(announcedBindings(xml('stream:features', {}, xml('sasl-channel-binding', { xmlns: 'urn:other' })))).toBeUndefined();
    expect(announcedBindings(undefined)).toBeUndefined();
  });
});

describe('tls-server-end-point (RFC 5929 §4.1)', () => {
  it("hashes the certificate with its own signature hash", () => {
    expect(serverEndPoint(der(ecdsaSha384.pem))?.toString('hex')).toBe(ecdsaSha384.endPoint);
  });

  it('uses SHA-256 for a certificate signed with SHA-1', () => {
    expect(serverEndPoint(der(rsaSha1.pem))?.toString('hex')).toBe(rsaSha1.endPoint);
  });

  it('has no value for signatures RFC 5929 does not define a hash for', () => {
    expect(serverEndPoint(der(ed25519.pem))).toBeUndefined();
    expect(serverEndPoint(der(rsaPss.pem))).toBeUndefined();
  });
});
