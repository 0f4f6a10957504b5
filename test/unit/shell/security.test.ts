import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, externalUrl, guardContents, guardSession } from '../../../electron/security.ts';
import { FakeContents, FakeSession, preventable } from './fake-electron.ts';

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

describe('content security policy', () => {
  it('allows only the app itself, with images from data: and blob:, and its own sounds', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'media-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
    expect(contentSecurityPolicy).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe('external links', () => {
  it('hands http, https, xmpp and mailto links to the system, normalised', () => {
    expect(externalUrl('mailto:someone@example.org')).toBe('mailto:someone@example.org');
    expect(externalUrl('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(externalUrl('HTTP://Example.org')).toBe('http://example.org/');
    expect(externalUrl('xmpp:romeo@montague.example?message')).toBe('xmpp:romeo@montague.example?message');
  });

  it('refuses every other scheme, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'app://causette/index.html',
      'smb://host/share',
    ]) {
      expect(externalUrl(url), url).toBeUndefined();
    }
  });

  it('refuses malformed links', () => {
    for (const url of ['', 'not a url', 'https://', '//example.org/', 'http://exa mple.org/']) expect(externalUrl(url), url).toBeUndefined();
  });
});

describe('permissions', () => {
  it('grants notifications and denies camera, microphone, geolocation and the rest', () => {
    const session = new FakeSession();
    guardSession(session);
    expect(session.request('notifications')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'midiSysex', 'unknown']) {
      expect(session.request(permission), permission).toBe(false);
      expect(session.checkHandler?.({}, permission), permission).toBe(false);
    }
    expect(session.checkHandler?.(null, 'notifications')).toBe(true);
    expect(session.deviceHandler?.()).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('never navigates the window; a followed web link opens in the system browser instead', () => {
    const { contents, opened } = guarded();
    const toWeb = preventable('https://example.org/');
    const toScript = preventable('javascript:alert(1)');
    const toOurs = preventable('app://causette/elsewhere.html');
    contents.emit('will-navigate', toWeb);
    contents.emit('will-navigate', toScript);
    contents.emit('will-navigate', toOurs);
    expect([toWeb.prevented, toScript.prevented, toOurs.prevented]).toEqual([true, true, true]);
    expect(opened).toEqual(['https://example.org/']);
  });

  it('refuses redirects without opening anything', () => {
    const { contents, opened } = guarded();
    const redirect = preventable('https://example.org/');
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window, opening only allowed links externally', () => {
    const { contents, opened } = guarded();
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://causette/index.html', 'about:blank', '::']) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/']);
  });

  it('prevents attaching a webview', () => {
    const { contents } = guarded();
    const attach = preventable();
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });
});
