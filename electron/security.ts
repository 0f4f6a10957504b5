// The shell's fixed security policy: CSP, permissions, navigation, new windows and external links.
// Electron security checklist: https://www.electronjs.org/docs/latest/tutorial/security

/** Sent with every app:// response; renderer/index.html carries the same policy as a meta tag. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // As in renderer/index.html, where browser mode plays the message chime.
  "media-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const externalSchemes: ReadonlySet<string> = new Set(['http:', 'https:', 'xmpp:', 'mailto:']);

/** The normalised URL to hand to the system, or undefined when it is malformed or of a refused scheme. */
export function externalUrl(raw: string): string | undefined {
  const url = URL.parse(raw);
  return url !== null && externalSchemes.has(url.protocol) ? url.href : undefined;
}

const grantedPermissions: ReadonlySet<string> = new Set(['notifications']);

export function isPermissionGranted(permission: string): boolean {
  return grantedPermissions.has(permission);
}

/** The part of a session the policy sets; Electron's Session satisfies it. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, grant: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, grant) => grant(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  // USB, HID and serial devices are never the renderer's business.
  session.setDevicePermissionHandler(() => false);
}

interface Preventable {
  preventDefault(): void;
}

/** The part of a WebContents the policy sets; Electron's WebContents satisfies it. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Preventable & { readonly url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

/** Pins any contents to the page it loaded: links leave for the system browser, nothing else leaves at all. */
export function guardContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  const openIfAllowed = (raw: string) => {
    const url = externalUrl(raw);
    if (url !== undefined) openExternal(url);
  };
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfAllowed(event.url);
  });
  // A redirect is never a user's click: refuse it without opening anything.
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
