// A small stand-in for the Electron objects the shell is handed; the shell takes them as parameters,
// so nothing here loads the real 'electron' package (whose index.js would try to download a binary).
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

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
  readonly handlers = new Map<string, (event: never, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: never, ...args: unknown[]) => Promise<unknown>): void {
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

/** A nativeImage that remembers the file it came from; files under a "missing" folder load empty. */
export class FakeImage {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  isEmpty(): boolean {
    return this.path.includes('/missing/');
  }
}

export const fakeNativeImage = { createFromPath: (path: string) => new FakeImage(path) };

/** A built Menu: the template it was built from. */
export class FakeMenu {
  readonly template: MenuItemConstructorOptions[];
  constructor(template: MenuItemConstructorOptions[]) {
    this.template = template;
  }
  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return new FakeMenu(template);
  }
  /** Clicks the item with this label, as Electron would. */
  click(label: string): void {
    const item = this.template.find((entry) => entry.label === label);
    if (item?.click === undefined) throw new Error(`No clickable item ${JSON.stringify(label)}`);
    item.click({} as never, undefined, {});
  }
  /** Clicks an item of a submenu, as Electron would. */
  clickIn(submenu: string, label: string): void {
    const items = this.template.find((entry) => entry.label === submenu)?.submenu;
    if (!Array.isArray(items)) throw new Error(`No submenu ${JSON.stringify(submenu)}`);
    new FakeMenu(items).click(label);
  }
  labels(): string[] {
    return this.template.map((entry) => (entry.type === 'separator' ? '---' : (entry.label ?? '')));
  }
}

export class FakeTray extends EventEmitter {
  static last: FakeTray | undefined;
  image: FakeImage;
  tooltip = '';
  menu: FakeMenu | undefined;
  menusBuilt = 0;
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    this.image = image;
    FakeTray.last = this;
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
    this.menusBuilt += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  shouldUseDarkColorsForSystemIntegratedUI = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';
  /** Switches the theme and tells listeners, as the OS does. */
  set(dark: boolean): void {
    this.shouldUseDarkColors = dark;
    this.emit('updated');
  }
  /** Switches Windows' taskbar theme alone, as its settings can. */
  setTaskbar(dark: boolean): void {
    this.shouldUseDarkColorsForSystemIntegratedUI = dark;
    this.emit('updated');
  }
}

export class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
  idleState: 'active' | 'idle' | 'locked' | 'unknown' = 'active';
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
  getSystemIdleState(_threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return this.idleState;
  }
}

/** A BrowserWindow as the shell drives it: visibility, and close → closed unless a 'close' listener prevented it. */
export class FakeWindow extends EventEmitter {
  visible = false;
  minimized = false;
  focused = false;
  closed = false;

  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
  }
  /** The user's close button (or app.quit closing windows). */
  close(): void {
    const event = preventable();
    this.emit('close', event);
    if (event.prevented) return;
    this.closed = true;
    this.visible = false;
    this.emit('closed');
  }
}
