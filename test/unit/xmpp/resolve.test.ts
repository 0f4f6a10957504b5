import type { SrvRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { orderSrv, resolveEndpoints, type SrvLookup } from '../../../electron/core/xmpp/net/resolve.ts';

const record = (name: string, port: number, priority = 10, weight = 0): SrvRecord => ({ name, port, priority, weight });
const notFound = Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });

function lookupFrom(table: Record<string, SrvRecord[]>): SrvLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (name: string) => {
    asked.push(name);
    const records = table[name];
    return records ? Promise.resolve(records) : Promise.reject(notFound);
  };
  return Object.assign(lookup, { asked });
}

describe('resolveEndpoints', () => {
  it('skips SRV for an explicit host or port', async () => {
    const lookup = lookupFrom({});
    expect(await resolveEndpoints({ domain: 'example.org', host: '127.0.0.1', port: 15222, tls: 'auto' }, lookup)).toEqual([
      { host: '127.0.0.1', port: 15222, directTls: false },
    ]);
    expect(await resolveEndpoints({ domain: 'example.org', host: 'xmpp.example.org', tls: 'direct' }, lookup)).toEqual([
      { host: 'xmpp.example.org', port: 5223, directTls: true },
    ]);
    expect(await resolveEndpoints({ domain: 'example.org', port: 5000, tls: 'starttls' }, lookup)).toEqual([
      { host: 'example.org', port: 5000, directTls: false },
    ]);
    expect(lookup.asked).toEqual([]);
  });

  it('falls back to the domain on 5222 without SRV records', async () => {
    expect(await resolveEndpoints({ domain: 'example.org', tls: 'auto' }, lookupFrom({}))).toEqual([{ host: 'example.org', port: 5222, directTls: false }]);
    expect(await resolveEndpoints({ domain: 'example.org', tls: 'direct' }, lookupFrom({}))).toEqual([{ host: 'example.org', port: 5223, directTls: true }]);
  });

  it('merges both SRV services by priority, Direct TLS first at equal priority (XEP-0368)', async () => {
    const lookup = lookupFrom({
      '_xmpp-client._tcp.example.org': [record('b.example.org', 5222, 5), record('c.example.org', 5222, 20)],
      '_xmpps-client._tcp.example.org': [record('a.example.org', 443, 5), record('d.example.org', 5223, 30)],
    });
    expect(await resolveEndpoints({ domain: 'example.org', tls: 'auto' }, lookup, () => 0)).toEqual([
      { host: 'a.example.org', port: 443, directTls: true },
      { host: 'b.example.org', port: 5222, directTls: false },
      { host: 'c.example.org', port: 5222, directTls: false },
      { host: 'd.example.org', port: 5223, directTls: true },
    ]);
  });

  it('asks only for the service the TLS mode allows', async () => {
    const lookup = lookupFrom({ '_xmpp-client._tcp.example.org': [record('b.example.org', 5222)] });
    expect(await resolveEndpoints({ domain: 'example.org', tls: 'starttls' }, lookup)).toEqual([{ host: 'b.example.org', port: 5222, directTls: false }]);
    expect(lookup.asked).toEqual(['_xmpp-client._tcp.example.org']);
  });

  it('treats a "." target as no service (RFC 2782)', async () => {
    const lookup = lookupFrom({ '_xmpp-client._tcp.example.org': [record('.', 0)] });
    expect(await resolveEndpoints({ domain: 'example.org', tls: 'auto' }, lookup)).toEqual([{ host: 'example.org', port: 5222, directTls: false }]);
  });

  it('does not look up SRV for an IP literal', async () => {
    const lookup = lookupFrom({});
    expect(await resolveEndpoints({ domain: '[::1]', tls: 'auto' }, lookup)).toEqual([{ host: '::1', port: 5222, directTls: false }]);
    expect(lookup.asked).toEqual([]);
  });
});

describe('orderSrv', () => {
  it('orders by priority, then by weighted chance', () => {
    const records = [record('low', 1, 20, 0), record('heavy', 1, 10, 90), record('light', 1, 10, 10)];
    expect(orderSrv(records, () => 0).map((r) => r.name)).toEqual(['heavy', 'light', 'low']);
    expect(orderSrv(records, () => 0.95).map((r) => r.name)).toEqual(['light', 'heavy', 'low']);
  });

  it('handles zero weights', () => {
    expect(orderSrv([record('a', 1, 0, 0), record('b', 1, 0, 0)], () => 0.5).map((r) => r.name)).toEqual(['a', 'b']);
  });
});
