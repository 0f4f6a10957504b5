import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract.ts';
import { notificationText, startNotifications, type NotifyingWindow } from '../../../electron/notifications.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { english, french } from './words-in.ts';

/** Electron's Notification as the shell uses it: built, shown, clicked, closed. */
class FakeNotification extends EventEmitter {
  static made: FakeNotification[] = [];
  static supported = true;
  readonly options: { title: string; body: string; icon?: string; silent?: boolean };
  shown = false;
  closed = false;
  constructor(options: { title: string; body: string; icon?: string; silent?: boolean }) {
    super();
    this.options = options;
    FakeNotification.made.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

const notify = (peer: string, body: string, sound = true): EventPayload<'chat.notify'> => ({ accountId: 'a1', peer, messageId: `${peer}-${body}`, title: peer, body, sound });

function setUp(platform: NodeJS.Platform = 'linux', t = english) {
  FakeNotification.made = [];
  FakeNotification.supported = true;
  const core = fakeCore();
  const seen = { shows: 0, opened: [] as EventPayload<'ui.openConversation'>[] };
  const window: NotifyingWindow = { show: () => void seen.shows++, openConversation: (conversation) => void seen.opened.push(conversation) };
  const stop = startNotifications({ Notification: FakeNotification, core, window, platform, icon: '/app/assets/icon.png', t });
  return { core, seen, stop };
}

describe('desktop notifications', () => {
  it('shows one for chat.notify with the sender as title and the text as body', () => {
    const { core } = setUp('darwin');
    core.emit('chat.notify', notify('bob@x', 'hi <b>there</b> & co'));
    expect(FakeNotification.made).toHaveLength(1);
    expect(FakeNotification.made[0]?.options).toEqual({ title: 'bob@x', body: 'hi <b>there</b> & co', silent: false, icon: '/app/assets/icon.png' });
    expect(FakeNotification.made[0]?.shown).toBe(true);
  });

  it('shows a contact’s room invitation in the shell’s language, with its reason; a click shows the window', () => {
    const invitation = { room: 'tea@rooms.x', from: 'bob@x', kind: 'direct' as const, fromContact: true, receivedAt: 1 };
    const english = setUp('darwin');
    english.core.emit('muc.invited', { accountId: 'a1', invitation: { ...invitation, reason: 'come & see' }, sound: false });
    expect(FakeNotification.made[0]?.options).toEqual({ title: 'Invitation to tea@rooms.x', body: 'bob@x invites you to this group chat: come & see', silent: true, icon: '/app/assets/icon.png' });
    FakeNotification.made[0]?.emit('click');
    expect(english.seen.shows).toBe(1);
    english.stop();

    const inFrench = setUp('darwin', french);
    inFrench.core.emit('muc.invited', { accountId: 'a1', invitation, sound: true });
    expect(FakeNotification.made[0]?.options).toMatchObject({ title: 'Invitation à tea@rooms.x', body: 'bob@x vous invite à ce salon.', silent: false });
  });

  it('shows a file offer in the shell’s language with its size; a click opens the conversation; it closes once answered', () => {
    const offer: EventPayload<'transfer.offered'> = { accountId: 'a1', peer: 'bob@x', transferId: 't1', title: 'Bob', name: 'Bob', file: 'report.pdf', size: 2_100_000, sound: true };
    const { core, seen, stop } = setUp('darwin');
    core.emit('transfer.offered', offer);
    expect(FakeNotification.made[0]?.options).toEqual({ title: 'Bob', body: 'Bob wants to send you report.pdf (2.1 MB)', silent: false, icon: '/app/assets/icon.png' });
    expect(FakeNotification.made[0]?.shown).toBe(true);
    FakeNotification.made[0]?.emit('click');
    expect(seen.shows).toBe(1);
    expect(seen.opened).toEqual([{ accountId: 'a1', peer: 'bob@x' }]);
    core.emit('transfer.updated', { id: 't1', accountId: 'a1', peer: 'bob@x', direction: 'in', method: 'proxy', name: 'report.pdf', size: 2_100_000, done: 0, state: 'active', startedAt: 1 });
    expect(FakeNotification.made[0]?.closed).toBe(true);
    stop();

    FakeNotification.made = [];
    const core2 = fakeCore();
    startNotifications({ Notification: FakeNotification, core: core2, window: { show: () => undefined, openConversation: () => undefined }, platform: 'linux', t: french, language: () => 'fr' });
    core2.emit('transfer.offered', { ...offer, file: '<b>x</b>.pdf', sound: false });
    expect(FakeNotification.made[0]?.options).toMatchObject({ body: 'Bob veut vous envoyer &lt;b&gt;x&lt;/b&gt;.pdf (2,1\u202fMo)', silent: true });
  });

  it('is silent when the settings turned the notification sound off', () => {
    const { core } = setUp('darwin');
    core.emit('chat.notify', notify('bob@x', 'quiet', false));
    expect(FakeNotification.made[0]?.options.silent).toBe(true);
  });

  it('escapes markup on Linux, where notification servers read the body as markup', () => {
    expect(notificationText('linux', '<i>x</i> & <a href="y">')).toBe('&lt;i&gt;x&lt;/i&gt; &amp; &lt;a href="y"&gt;');
    expect(notificationText('win32', '<i>x</i> &')).toBe('<i>x</i> &');
    const { core } = setUp('linux');
    core.emit('chat.notify', notify('bob@x', '<img src=x onerror=alert(1)>'));
    expect(FakeNotification.made[0]?.options.body).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('a click brings the window forward on that conversation', () => {
    const { core, seen } = setUp();
    core.emit('chat.notify', notify('bob@x', 'hi'));
    FakeNotification.made[0]?.emit('click');
    expect(seen.shows).toBe(1);
    expect(seen.opened).toEqual([{ accountId: 'a1', peer: 'bob@x' }]);
  });

  it('a newer notification of the same conversation replaces the older one', () => {
    const { core } = setUp();
    core.emit('chat.notify', notify('bob@x', 'one'));
    core.emit('chat.notify', notify('carol@x', 'other'));
    core.emit('chat.notify', notify('bob@x', 'two'));
    expect(FakeNotification.made.map((made) => [made.options.body, made.closed])).toEqual([
      ['one', true],
      ['other', false],
      ['two', false],
    ]);
  });

  it('closes a conversation’s notification once it is read, here or on another device, or muted', () => {
    const { core } = setUp();
    core.emit('chat.notify', notify('bob@x', 'one'));
    core.emit('chat.notify', notify('carol@x', 'other'));
    core.emit('chat.notify', notify('dave@x', 'third'));
    core.emit('chat.conversation', { accountId: 'a1', conversation: { peer: 'bob@x', unread: 1, muted: false } });
    expect(FakeNotification.made.map((made) => made.closed)).toEqual([false, false, false]);
    core.emit('chat.conversation', { accountId: 'a1', conversation: { peer: 'bob@x', unread: 0, muted: false } });
    core.emit('chat.conversation', { accountId: 'a1', conversation: { peer: 'dave@x', unread: 3, muted: true } });
    expect(FakeNotification.made.map((made) => made.closed)).toEqual([true, false, true]);
  });

  it('stops listening and closes what is shown when stopped', () => {
    const { core, stop } = setUp();
    core.emit('chat.notify', notify('bob@x', 'one'));
    stop();
    core.emit('chat.notify', notify('bob@x', 'two'));
    expect(FakeNotification.made.map((made) => [made.options.body, made.closed])).toEqual([['one', true]]);
    expect(core.listenerCount()).toBe(0);
  });

  it('does nothing where the system has no notifications', () => {
    FakeNotification.made = [];
    FakeNotification.supported = false;
    const core = fakeCore();
    startNotifications({ Notification: FakeNotification, core, window: { show: () => undefined, openConversation: () => undefined }, platform: 'linux', t: english });
    core.emit('chat.notify', notify('bob@x', 'one'));
    expect(FakeNotification.made).toEqual([]);
    expect(core.listenerCount()).toBe(0);
  });
});
