// A small stand-in for the Electron objects the shell is handed; the shell takes them as parameters,
// so nothing here loads the real 'electron' package (whose index.js would try to download a binary).
import { EventEmitter } from 'node:events';

/** An event as Electron passes to will-navigate and friends, remembering whether it was prevented. */
export function preventable(url = '') {
  const event = {
    url,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

export class FakeContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  openHandler: ((details: { readonly url: string }) => { action: 'deny' }) | undefined;
  destroyed = false;
  readonly id: number;

  constructor(id = 1) {
    super();
    this.id = id;
  }
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

type RequestHandler = (contents: unknown, permission: string, grant: (granted: boolean) => void) => void;

export class FakeSession {
  requestHandler: RequestHandler | undefined;
  checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  deviceHandler: (() => boolean) | undefined;

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.deviceHandler = handler;
  }
  /** What the request handler answers for a permission. */
  request(permission: string): boolean | undefined {
    let answer: boolean | undefined;
    this.requestHandler?.({}, permission, (granted) => (answer = granted));
    return answer;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: never, name: unknown, payload: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: never, name: unknown, payload: unknown) => Promise<unknown>): void {
    this.handlers.set(channel, listener);
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  reply: unknown = { ok: true, value: null };

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve(this.reply);
  }
}
