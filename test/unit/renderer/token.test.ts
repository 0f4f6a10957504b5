import { describe, expect, it } from 'vitest';
import { addressWithoutToken, readToken, socketAddress } from '../../../renderer/token.ts';

describe('browser-mode token', () => {
  it('is read from the query', () => {
    expect(readToken('http://127.0.0.1:4321/?token=abc-DEF_1')).toBe('abc-DEF_1');
  });

  it('is read from the fragment', () => {
    expect(readToken('http://127.0.0.1:4321/#token=xyz')).toBe('xyz');
  });

  it('is decoded', () => {
    expect(readToken('http://127.0.0.1:4321/?token=a%2Bb%3D')).toBe('a+b=');
  });

  it('is absent from a plain address or an empty parameter', () => {
    expect(readToken('http://127.0.0.1:4321/')).toBeUndefined();
    expect(readToken('http://127.0.0.1:4321/?token=')).toBeUndefined();
    expect(readToken('http://127.0.0.1:4321/#/somewhere')).toBeUndefined();
  });

  it('is removed from the visible address, leaving the rest', () => {
    expect(addressWithoutToken('http://127.0.0.1:4321/?token=abc')).toBe('http://127.0.0.1:4321/');
    expect(addressWithoutToken('http://127.0.0.1:4321/?lang=fr&token=abc')).toBe('http://127.0.0.1:4321/?lang=fr');
    expect(addressWithoutToken('http://127.0.0.1:4321/#token=abc')).toBe('http://127.0.0.1:4321/');
    expect(addressWithoutToken('http://127.0.0.1:4321/?token=a#token=b&x=1')).toBe('http://127.0.0.1:4321/#x=1');
  });

  it('goes into the socket address, encoded', () => {
    expect(socketAddress('127.0.0.1:4321', '/ipc', 'a+b/c')).toBe('ws://127.0.0.1:4321/ipc?token=a%2Bb%2Fc');
  });
});
