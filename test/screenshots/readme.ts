// `npm run screenshots`: the README's pictures, taken from the real app in browser mode against a local Prosody.
// With --all DIR, every screen in both themes and both languages goes to DIR instead, for a look before a change lands.
import xml from '@xmpp/xml';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { launchChromium, startBrowserHost } from '../e2e/browser-mode.ts';
import { plainClient } from '../e2e/ui.ts';
import { words, type Say } from '../e2e/words.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const people = [
  { username: 'alice', password: 'alice-pass', name: 'Alice Martin' },
  { username: 'bob', password: 'bob-pass', name: 'Bob Durand' },
  { username: 'carol', password: 'carol-pass', name: 'Carol Petit' },
] as const;

interface Shot {
  readonly name: string;
  readonly theme: 'light' | 'dark';
  readonly locale: 'en-US' | 'fr-FR';
}

function shotsToTake(): { readonly dir: string; readonly shots: readonly Shot[] } {
  const all = process.argv.indexOf('--all');
  if (all === -1) {
    return {
      dir: join(projectRoot, 'docs', 'screenshots'),
      shots: [
        { name: 'sign-in', theme: 'light', locale: 'en-US' },
        { name: 'conversation', theme: 'light', locale: 'en-US' },
        { name: 'conversation-dark', theme: 'dark', locale: 'en-US' },
        { name: 'group-chat', theme: 'light', locale: 'en-US' },
      ],
    };
  }
  const dir = resolve(process.argv[all + 1] ?? 'screenshots');
  const shots: Shot[] = [];
  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['en-US', 'fr-FR'] as const) {
      for (const name of ['sign-in', 'conversation', 'details', 'jump', 'settings', 'narrow', 'group-chat', 'invite']) shots.push({ name: `${name}-${theme}-${locale}`, theme, locale });
    }
  }
  return { dir, shots };
}

/** Makes `a` and `b` mutual contacts with a name and group each, as two clients that both accept would. */
async function befriend(a: Connection, b: Connection, aJid: string, bJid: string, names: { readonly a: string; readonly b: string }): Promise<void> {
  await a.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: bJid, name: names.b }, xml('group', {}, 'Friends')))));
  await b.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: aJid, name: names.a }, xml('group', {}, 'Friends')))));
  for (const [from, to] of [
    [a, bJid],
    [b, aJid],
  ] as const) {
    await from.send(xml('presence', { to, type: 'subscribe' }));
    await from.send(xml('presence', { to, type: 'subscribed' }));
  }
}

async function chat(from: Connection, to: string, body: string): Promise<void> {
  await from.send(xml('message', { to, type: 'chat', id: `shot-${Math.random().toString(36).slice(2)}` }, xml('body', {}, body), xml('markable', { xmlns: 'urn:xmpp:chat-markers:0' })));
}

const NS_MUC = 'http://jabber.org/protocol/muc';
const roomOf = (server: ProsodyServer) => `concert@conference.${server.domain}`;
const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Bob's private group (XEP-0045 §10.1: created, configured members-only and non-anonymous), with Alice and Carol as members. */
async function groupChat(server: ProsodyServer, bob: Connection, carol: Connection, jid: (index: number) => string): Promise<void> {
  const room = roomOf(server);
  await bob.send(xml('presence', { to: `${room}/Bob` }, xml('x', { xmlns: NS_MUC })));
  await pause(1_000);
  const config = [
    field('FORM_TYPE', `${NS_MUC}#roomconfig`),
    field('muc#roomconfig_roomname', 'Concert on Saturday'),
    field('muc#roomconfig_persistentroom', '1'),
    field('muc#roomconfig_membersonly', '1'),
    field('muc#roomconfig_whois', 'anyone'),
  ];
  await bob.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, ...config))));
  for (const member of [jid(0), jid(2)]) {
    await bob.iq(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#admin` }, xml('item', { jid: member, affiliation: 'member' }))));
  }
  await bob.send(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'Saturday 19:30 — tickets booked')));
  await carol.send(xml('presence', { to: `${room}/Carol` }, xml('x', { xmlns: NS_MUC })));
  await pause(1_000);
  const lines: ReadonlyArray<readonly [Connection, string]> = [
    [bob, 'Who is coming to the café before the concert?'],
    [carol, 'Me! I can be there at 18:45.'],
    [bob, 'Great, I will keep a table by the window.'],
  ];
  for (const [from, body] of lines) {
    await from.send(xml('message', { to: room, type: 'groupchat', id: `shot-${Math.random().toString(36).slice(2)}` }, xml('body', {}, body)));
    await pause(1_050);
  }
}

async function prepare(server: ProsodyServer): Promise<readonly Connection[]> {
  const [alice, bob, carol] = await Promise.all(people.map((person) => plainClient(server, person.username, person.password)));
  if (!alice || !bob || !carol) throw new Error('The three plain clients did not start.');
  const jid = (index: number) => `${people[index]?.username ?? ''}@${server.domain}`;
  await befriend(alice, bob, jid(0), jid(1), { a: people[0].name, b: people[1].name });
  await befriend(alice, carol, jid(0), jid(2), { a: people[0].name, b: people[2].name });
  await bob.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'At the market')));
  await carol.send(xml('presence', {}, xml('status', {}, 'Writing the report')));
  // A second apart: the archive's timestamps, which order the conversation, are to the second.
  const lines: ReadonlyArray<readonly [Connection, number, string]> = [
    [bob, 0, 'Hi Alice! Are we still on for the concert on Saturday?'],
    [alice, 1, 'Yes! I booked the tickets this morning.'],
    [alice, 1, 'Doors open at 19:30, shall we meet at the café before?'],
    [bob, 0, 'Perfect, see you at 19:00 then.'],
    [carol, 0, 'The draft is in your inbox.'],
  ];
  for (const [from, to, body] of lines) {
    await chat(from, jid(to), body);
    await new Promise((done) => setTimeout(done, 1_050));
  }
  await alice.stop();
  await groupChat(server, bob, carol, jid);
  return [bob, carol];
}

async function take(server: ProsodyServer, shot: Shot, dir: string, profiles: string): Promise<void> {
  const profileDir = join(profiles, shot.name);
  const host = await startBrowserHost(profileDir, ['--ca', server.caPath]);
  const browser = await launchChromium(shot.locale);
  try {
    const narrow = shot.name.startsWith('narrow');
    const context = await browser.newContext({ viewport: narrow ? { width: 700, height: 640 } : { width: 1100, height: 720 }, locale: shot.locale, colorScheme: shot.theme });
    const page = await context.newPage();
    const say = words(shot.locale === 'fr-FR' ? 'fr' : 'en');
    await page.goto(host.url);
    if (shot.name.startsWith('sign-in')) {
      await page.getByLabel(say('signIn.address')).fill(`alice@${server.domain}`);
      await page.screenshot({ path: join(dir, `${shot.name}.png`) });
      return;
    }
    await signIn(page, server, say);
    const bob = page.getByRole('list', { name: say('sidebar.contacts') }).getByRole('listitem', { name: people[1].name });
    await bob.waitFor({ timeout: 15_000 });
    await bob.click();
    await page.getByRole('region', { name: say('chat.with', { name: people[1].name }) }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    if (shot.name.startsWith('settings')) {
      await page.getByRole('button', { name: say('settings.open') }).click();
      await page.getByRole('dialog', { name: say('settings.title') }).waitFor();
    }
    if (shot.name.startsWith('jump')) {
      await page.keyboard.press('Control+k');
      await page.keyboard.type('c');
      await page.getByRole('dialog', { name: say('jump.title') }).getByRole('option').first().waitFor();
    }
    if (shot.name.startsWith('group-chat') || shot.name.startsWith('invite')) {
      await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
      const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
      await dialog.getByLabel(say('joinRoom.address')).fill(roomOf(server));
      await dialog.getByLabel(say('joinRoom.nick')).fill('Alice');
      await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByRole('region', { name: say('room.label', { name: 'Concert on Saturday' }), exact: true }).getByRole('listitem').filter({ hasText: 'by the window' }).waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
    }
    if (shot.name.startsWith('invite')) {
      await page.getByRole('button', { name: say('invite.open') }).click();
      const dialog = page.getByRole('dialog', { name: say('invite.title', { name: 'Concert on Saturday' }) });
      await dialog.getByLabel(say('invite.others')).fill(`dave@${server.domain}`);
      await dialog.getByLabel(say('invite.reason')).fill(shot.locale === 'fr-FR' ? 'Viens au concert avec nous\u202f!' : 'Join us for the concert!');
      await page.waitForTimeout(300);
    }
    if (shot.name.startsWith('details')) {
      await page.getByRole('button', { name: say('chat.details') }).click();
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: join(dir, `${shot.name}.png`) });
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The welcome screen's sign-in, by the labels of the shot's language. */
async function signIn(page: Page, server: ProsodyServer, say: Say): Promise<void> {
  await page.getByLabel(say('signIn.address')).fill(`alice@${server.domain}`);
  await page.getByLabel(say('signIn.password'), { exact: true }).fill('alice-pass');
  await page.getByRole('button', { name: say('server.advanced') }).click();
  await page.getByLabel(say('server.host')).fill('127.0.0.1');
  await page.getByLabel(say('server.port')).fill(String(server.c2sPort));
  await page.getByRole('button', { name: say('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
  await page.getByRole('region', { name: say('account.connection') }).getByText(say('connection.online')).waitFor({ timeout: 20_000 });
}

const { dir, shots } = shotsToTake();
mkdirSync(dir, { recursive: true });
const profiles = mkdtempSync(join(tmpdir(), 'causette-shots-'));
const server = await startProsody({ users: people.map(({ username, password }) => ({ username, password })) });
try {
  const peers = await prepare(server);
  for (const shot of shots) {
    await take(server, shot, dir, profiles);
    process.stdout.write(`${join(dir, `${shot.name}.png`)}\n`);
  }
  await Promise.all(peers.map((peer) => peer.stop()));
} finally {
  await server.dispose();
  rmSync(profiles, { recursive: true, force: true });
}
