// axe-core on every main screen, in English and in French, in the light and the dark theme: no serious or critical violation.
import xml from '@xmpp/xml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { plainClient } from './ui.ts';
import { words, type Say } from './words.ts';

let server: ProsodyServer;
/** Bob writes from a plain client, so that the window under test is the only interface. */
let bob: Connection;
/** A stranger, not in the roster: a message request. */
let mallory: Connection;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'carol', password: 'carol-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'mallory', password: 'mallory-pass' },
    ],
  });
  [bob, mallory] = await Promise.all([plainClient(server, 'bob', 'bob-pass'), plainClient(server, 'mallory', 'mallory-pass')]);
});

afterAll(async () => {
  await mallory?.stop();
  await bob?.stop();
  await server?.dispose();
});

/** A 1×1 PNG, for the avatar picker. */
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.each([
  { locale: 'en-US', language: 'en', user: 'alice' },
  { locale: 'fr-FR', language: 'fr', user: 'carol' },
] as const)('in $locale', ({ locale, language, user }) => {
  const say: Say = words(language);
  let ui: BrowserMode;
  let page: Page;

  beforeAll(async () => {
    ui = await openBrowserMode({ caPem: server.caPem, locale });
    page = ui.page;
  });

  afterAll(async () => {
    await ui?.close();
  });

  it('speaks the browser’s language and says so in <html lang>', async () => {
    await page.getByRole('heading', { name: say('welcome.title') }).waitFor({ timeout: 10_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
  });

  it('the sign-in screen', async () => {
    await page.getByRole('button', { name: say('server.advanced') }).click();
    expect(await violations(page)).toEqual([]);
  });

  it('the account creation screen', async () => {
    await page.getByRole('tab', { name: say('welcome.registerTab') }).click();
    await page.getByLabel(say('register.confirm')).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('tab', { name: say('welcome.signInTab') }).click();
  });

  it('the contact list, and the dialog that adds a contact', async () => {
    await page.getByLabel(say('signIn.address')).fill(`${user}@${server.domain}`);
    await page.getByLabel(say('signIn.password'), { exact: true }).fill(`${user}-pass`);
    // The form came back fresh from the other tab, "Advanced" closed.
    await page.getByRole('button', { name: say('server.advanced') }).click();
    await page.getByLabel(say('server.host')).fill('127.0.0.1');
    await page.getByLabel(say('server.port')).fill(String(server.c2sPort));
    await page.getByRole('button', { name: say('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
    await page.getByRole('region', { name: say('account.connection') }).getByText(say('connection.online')).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: say('sidebar.addContact') }).click();
    const dialog = page.getByRole('dialog', { name: say('addContact.title') });
    await dialog.waitFor();
    expect(await violations(page)).toEqual([]);
    await dialog.getByLabel(say('addContact.address')).fill(`bob@${server.domain}`);
    await dialog.getByRole('button', { name: say('addContact.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: say('sidebar.contacts') }).getByText(`bob@${server.domain}`).first().waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
  });

  it('a conversation', async () => {
    await bob.send(xml('message', { type: 'chat', to: `${user}@${server.domain}`, id: `a11y-${language}` }, xml('body', {}, `Hello ${language}, here is a link https://example.org`)));
    const entry = page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`bob@${server.domain}`) });
    await entry.click({ timeout: 10_000 });
    const conversation = page.getByRole('region', { name: say('chat.with', { name: `bob@${server.domain}` }) });
    await conversation.getByRole('listitem').filter({ hasText: `Hello ${language}` }).waitFor({ timeout: 10_000 });
    await conversation.getByRole('textbox', { name: say('composer.label') }).fill('A reply');
    await conversation.getByRole('textbox', { name: say('composer.label') }).press('Enter');
    await conversation.getByRole('listitem').filter({ hasText: 'A reply' }).waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
  });

  it('“Go to” (Ctrl+K)', async () => {
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: say('jump.title') });
    await dialog.getByRole('option', { name: new RegExp(`bob@${server.domain}`) }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('a message’s toolbar with its reaction picker, and the question before deleting it', async () => {
    const conversation = page.getByRole('region', { name: say('chat.with', { name: `bob@${server.domain}` }) });
    const mine = conversation.getByRole('listitem').filter({ hasText: 'A reply' });
    // The keyboard's way in: the message focused, its toolbar shown.
    await mine.focus();
    await page.keyboard.press('Enter');
    await mine.getByRole('button', { name: say('actions.react') }).click();
    await mine.getByRole('group', { name: say('actions.pick') }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await mine.hover();
    await mine.getByRole('button', { name: say('actions.delete') }).click();
    const question = mine.getByRole('group', { name: say('actions.deleteQuestion') });
    await question.waitFor();
    expect(await violations(page)).toEqual([]);
    await question.getByRole('button', { name: say('actions.keep') }).click();
    await question.waitFor({ state: 'detached' });
  });

  it('a status chosen with the arrows, waiting for Enter', async () => {
    const status = page.getByLabel(say('ownPresence.status'), { exact: true });
    await status.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByText(say('ownPresence.confirm')).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByText(say('ownPresence.confirm')).waitFor({ state: 'detached' });
  });

  it('a message request, and the question before deleting it', async () => {
    await mallory.send(xml('message', { type: 'chat', to: `${user}@${server.domain}`, id: `request-${language}` }, xml('body', {}, `Buy now ${language} https://spam.example`)));
    const requests = page.getByRole('region', { name: new RegExp(say('messageRequests.title')) });
    await requests.getByRole('button', { name: new RegExp(`mallory@${server.domain}`) }).click({ timeout: 10_000 });
    const bar = page.getByRole('region', { name: say('messageRequests.barTitle'), exact: true });
    await bar.waitFor();
    expect(await violations(page)).toEqual([]);
    await bar.getByRole('button', { name: say('messageRequests.delete'), exact: true }).click();
    const question = bar.getByRole('group');
    await question.waitFor();
    expect(await violations(page)).toEqual([]);
    await question.getByRole('button', { name: say('messageRequests.delete'), exact: true }).click();
    await requests.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('the message search', async () => {
    await page.getByRole('searchbox', { name: say('search.label') }).fill('Hello');
    await page.getByRole('list', { name: say('search.results') }).getByRole('listitem').first().waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
    await page.getByRole('searchbox', { name: say('search.label') }).fill('');
  });

  it('the settings', async () => {
    await page.getByRole('button', { name: say('settings.open') }).click();
    await page.getByRole('dialog', { name: say('settings.title') }).waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the settings in the theme chosen there, muted, with a picture being cropped and the removal question open', async () => {
    const dialog = page.getByRole('dialog', { name: say('settings.title') });
    await dialog.getByRole('button', { name: say('notifications.muteAction'), exact: true }).click();
    await dialog.getByRole('button', { name: say('notifications.unmute') }).waitFor({ timeout: 5_000 });
    const avatar = dialog.getByRole('region', { name: say('avatar.title') });
    await avatar.getByLabel(say('avatar.image')).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(onePixelPng, 'base64') });
    await avatar.getByRole('img', { name: say('avatar.preview') }).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: say('removeAccount.label') }).click();
    for (const theme of ['light', 'dark'] as const) {
      await dialog.getByLabel(say('theme.label')).selectOption(theme);
      await page.locator(`html[data-theme="${theme}"]`).waitFor({ timeout: 5_000 });
      expect(await violations(page)).toEqual([]);
    }
    await dialog.getByLabel(say('theme.label')).selectOption('system');
    await dialog.getByRole('button', { name: say('removeAccount.keep') }).click();
    await avatar.getByRole('button', { name: say('common.cancel') }).click();
    await dialog.getByRole('button', { name: say('notifications.unmute') }).click();
  });
});

describe('the language setting', () => {
  let ui: BrowserMode;
  beforeAll(async () => {
    ui = await openBrowserMode({ caPem: server.caPem, locale: 'en-US' });
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('switches the interface at once, is kept, and survives a reload', async () => {
    const { page } = ui;
    const en = words('en');
    const fr = words('fr');
    await page.getByLabel(en('signIn.address')).fill(`alice@${server.domain}`);
    await page.getByLabel(en('signIn.password'), { exact: true }).fill('alice-pass');
    await page.getByRole('button', { name: en('server.advanced') }).click();
    await page.getByLabel(en('server.host')).fill('127.0.0.1');
    await page.getByLabel(en('server.port')).fill(String(server.c2sPort));
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: en('settings.open') }).click({ timeout: 20_000 });
    await page.getByRole('dialog', { name: en('settings.title') }).getByLabel(en('language.label')).selectOption('fr');
    await page.getByRole('dialog', { name: fr('settings.title') }).waitFor({ timeout: 5_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.reload();
    await page.getByRole('button', { name: fr('settings.open') }).waitFor({ timeout: 20_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });
});
