// The browser-mode access token: read from the page address (?token= or #token=), then kept out of sight.

const tokenKey = 'token';

/** The token carried by a page address, in its query or its fragment, if any. */
export function readToken(address: string): string | undefined {
  const url = new URL(address);
  const fromQuery = url.searchParams.get(tokenKey);
  if (fromQuery) return fromQuery;
  const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get(tokenKey);
  return fromFragment || undefined;
}

/** The same address without the token, so it leaves no trace in the address bar or history. */
export function addressWithoutToken(address: string): string {
  const url = new URL(address);
  url.searchParams.delete(tokenKey);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (fragment.has(tokenKey)) {
    fragment.delete(tokenKey);
    url.hash = fragment.toString();
  }
  return url.toString().replace(/#$/, '');
}

/** The WebSocket address of the contract on the host that served the page. */
export function socketAddress(host: string, path: string, token: string): string {
  return `ws://${host}${path}?${tokenKey}=${encodeURIComponent(token)}`;
}

const storageKey = 'causette.token';

/**
 * Takes the token from the address bar and hides it; keeps it for this tab only (sessionStorage)
 * so that reloading the page still works.
 */
export function takeToken(): string | undefined {
  const found = readToken(window.location.href);
  if (found) {
    window.history.replaceState(window.history.state, '', addressWithoutToken(window.location.href));
    try {
      window.sessionStorage.setItem(storageKey, found);
    } catch {
      // Storage may be disabled; the token then lasts until the page is reloaded.
    }
    return found;
  }
  try {
    return window.sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}
