// A chat between two browser-mode instances, through the interface: typing, delivery ticks, replies, edits, reactions, deletion; bodies are text, never markup.
import xml from '@xmpp/xml';
import type { Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, setPrivacy } from './ui.ts';

declare global {
  interface Window {
    /** The state labels one message showed, recorded by the Retry test. */
    causetteStates?: string[];
  }
}

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
/** Carol writes from a plain client: a long conversation for alice to scroll through. */
let carol: Connection;
const dialogs: string[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  carol = await plainClient(server, 'carol', 'carol-pass');
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
  for (const page of [alice.page, bob.page]) {
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }
  // They are not mutual contacts: ticks and typing need activity shared with everyone (the default is contacts only),
  // and alice's messages reach bob as an ordinary conversation with message requests off (message-requests.test.ts).
  await setPrivacy(alice.page, { shareWithEveryone: true });
  await setPrivacy(bob.page, { shareWithEveryone: true, holdRequests: false });
});

afterAll(async () => {
  await carol?.stop();
  await alice?.close();
  await bob?.close();
  await server?.dispose();
});

function conversation(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `Conversation with ${name}` });
}

function messages(page: Page, name: string): Locator {
  return conversation(page, name).getByRole('list', { name: 'Messages' }).getByRole('listitem');
}

/** The one message of the conversation whose text contains `text`. */
function message(page: Page, name: string, text: string): Locator {
  return messages(page, name).filter({ hasText: text });
}

function texts(page: Page, name: string): Promise<string[]> {
  return messages(page, name)
    .allTextContents()
    .catch(() => []);
}

function composer(page: Page, name: string): Locator {
  return conversation(page, name).getByRole('textbox', { name: 'Message' });
}

async function send(page: Page, name: string, body: string): Promise<void> {
  await composer(page, name).fill(body);
  await composer(page, name).press('Enter');
}

/** Alice's window shows Bob, Bob's shows alice by address (she is not one of his contacts). */
const BOB = 'Bob';
const ALICE = 'alice@localhost';

describe('one-to-one chat between two people', () => {
  it('alice opens a chat from bob’s row in her contacts and sends; bob sees it unread, opens it, and alice sees it read', async () => {
    await alice.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await alice.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' }).getByRole('button').click();

    await send(alice.page, BOB, 'Hello Bob');
    await expect.poll(() => texts(alice.page, BOB), { timeout: 10_000 }).toEqual([expect.stringContaining('Hello Bob')]);
    await expect(composer(alice.page, BOB).inputValue()).resolves.toBe('');
    // Acknowledged by the server, then received by bob's client (XEP-0184).
    await message(alice.page, BOB, 'Hello Bob').getByRole('img', { name: /^(Sent|Delivered)$/ }).waitFor({ timeout: 10_000 });
    await message(alice.page, BOB, 'Hello Bob').getByRole('img', { name: 'Delivered' }).waitFor({ timeout: 10_000 });

    const entry = bob.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /alice@localhost/ });
    await entry.waitFor({ timeout: 10_000 });
    await expect(entry.textContent()).resolves.toMatch(/Hello Bob.*1 unread/);
    await entry.click();
    await expect.poll(() => texts(bob.page, ALICE), { timeout: 10_000 }).toEqual([expect.stringContaining('Hello Bob')]);
    // Shown, so read: the badge goes, and alice sees it read (XEP-0333 displayed).
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).not.toMatch(/unread/);
    await message(alice.page, BOB, 'Hello Bob').getByRole('img', { name: 'Read' }).waitFor({ timeout: 10_000 });
  });

  it('bob sees that alice is typing while she writes, and no longer once she sent', async () => {
    const status = conversation(bob.page, ALICE).getByRole('status');
    await composer(alice.page, BOB).pressSequentially('Are you t');
    await expect.poll(() => status.textContent({ timeout: 1_000 }), { timeout: 10_000 }).toBe('alice@localhost is typing…');
    await composer(alice.page, BOB).pressSequentially('here?');
    await composer(alice.page, BOB).press('Enter');
    await message(bob.page, ALICE, 'Are you there?').waitFor({ timeout: 10_000 });
    await expect.poll(() => status.textContent({ timeout: 1_000 }), { timeout: 10_000 }).toBe('');
  });

  it('markup in a body is shown literally and never runs', async () => {
    const body = '<img src=x onerror=alert(1)>';
    await composer(alice.page, BOB).fill(body);
    await conversation(alice.page, BOB).getByRole('button', { name: 'Send', exact: true }).click();
    await message(bob.page, ALICE, body).waitFor({ timeout: 10_000 });
    expect(await conversation(bob.page, ALICE).locator('img').count()).toBe(0);
    expect(await conversation(alice.page, BOB).locator('img').count()).toBe(0);
    // Shown after it: had the markup run, its alert would have come first.
    await send(alice.page, BOB, 'after the markup');
    await message(bob.page, ALICE, 'after the markup').waitFor({ timeout: 10_000 });
    expect(dialogs).toEqual([]);
  });

  it('a link is a link that opens outside, its text the address', async () => {
    await send(alice.page, BOB, 'Read https://example.org/guide?x=1, then mailto:bob@localhost.');
    const link = message(bob.page, ALICE, 'Read ').getByRole('link', { name: 'https://example.org/guide?x=1' });
    await link.waitFor({ timeout: 10_000 });
    await expect(link.getAttribute('href')).resolves.toBe('https://example.org/guide?x=1');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(message(bob.page, ALICE, 'Read ').getByRole('link', { name: 'mailto:bob@localhost' }).getAttribute('href')).resolves.toBe(
      'mailto:bob@localhost',
    );
  });

  it('a long paste is collapsed behind "Show more", and shown whole on demand', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => `pasted line ${index + 1}`);
    await send(alice.page, BOB, lines.join('\n'));
    const pasted = message(bob.page, ALICE, 'pasted line 1\n');
    await pasted.waitFor({ timeout: 10_000 });
    await expect(pasted.textContent()).resolves.not.toContain('pasted line 60');
    await pasted.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => pasted.textContent(), { timeout: 5_000 }).toContain('pasted line 60');
    await pasted.getByRole('button', { name: 'Show less' }).click();
    await expect.poll(() => pasted.textContent(), { timeout: 5_000 }).not.toContain('pasted line 60');
  });

  it('bob replies to a message: alice sees his answer under a quote of hers', async () => {
    const original = message(bob.page, ALICE, 'Hello Bob');
    await original.hover();
    await original.getByRole('button', { name: 'Reply' }).click();
    const pane = conversation(bob.page, ALICE);
    await expect(pane.getByRole('group', { name: 'Message being answered' }).textContent()).resolves.toMatch(/Replying to alice@localhost.*Hello Bob/);
    await send(bob.page, ALICE, 'Hello to you');
    await expect.poll(() => pane.getByRole('button', { name: 'Cancel reply' }).count(), { timeout: 5_000 }).toBe(0);
    const answer = message(alice.page, BOB, 'Hello to you');
    await answer.waitFor({ timeout: 10_000 });
    await expect(answer.locator('.reply-quote').textContent()).resolves.toContain('Hello Bob');
  });

  it('alice corrects her last message with the Up arrow: bob sees the new text, marked edited', async () => {
    await send(alice.page, BOB, 'See you at 5');
    await message(bob.page, ALICE, 'See you at 5').waitFor({ timeout: 10_000 });
    await composer(alice.page, BOB).press('ArrowUp');
    await expect.poll(() => composer(alice.page, BOB).inputValue(), { timeout: 5_000 }).toBe('See you at 5');
    await composer(alice.page, BOB).fill('See you at 6');
    await composer(alice.page, BOB).press('Enter');
    const corrected = message(bob.page, ALICE, 'See you at 6');
    await corrected.waitFor({ timeout: 10_000 });
    await expect(corrected.textContent()).resolves.toContain('edited');
    await expect(message(bob.page, ALICE, 'See you at 5').count()).resolves.toBe(0);
    // Only our last message offers "Edit".
    await expect(message(alice.page, BOB, 'See you at 6').getByRole('button', { name: 'Edit' }).count()).resolves.toBe(1);
    await expect(message(alice.page, BOB, 'Hello Bob').getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);
  });

  it('bob reacts with 👍: alice sees "👍 1" under her message; bob takes it back', async () => {
    const target = message(bob.page, ALICE, 'See you at 6');
    await target.hover();
    await target.getByRole('button', { name: 'React' }).click();
    await target.getByRole('button', { name: '👍', exact: true }).click();
    const chip = message(alice.page, BOB, 'See you at 6').getByRole('button', { name: '👍 1' });
    await chip.waitFor({ timeout: 10_000 });
    await target.getByRole('button', { name: '👍 1' }).click();
    await expect.poll(() => chip.count(), { timeout: 10_000 }).toBe(0);
  });

  it('alice deletes a message for everyone after confirming: bob sees it deleted', async () => {
    await send(alice.page, BOB, 'Oops, wrong chat');
    const mine = message(alice.page, BOB, 'Oops, wrong chat');
    await message(bob.page, ALICE, 'Oops, wrong chat').waitFor({ timeout: 10_000 });
    await mine.hover();
    await mine.getByRole('button', { name: 'Delete for everyone' }).click();
    await mine.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => texts(bob.page, ALICE), { timeout: 10_000 }).toContainEqual(expect.stringContaining('This message was deleted'));
    await expect(message(bob.page, ALICE, 'Oops, wrong chat').count()).resolves.toBe(0);
    await expect.poll(() => texts(alice.page, BOB), { timeout: 10_000 }).toContainEqual(expect.stringContaining('This message was deleted'));
  });

  it('bob answers by opening a chat with an address that is not one of his contacts; line breaks are kept', async () => {
    await bob.page.getByRole('button', { name: 'Close' }).click();
    const conversations = bob.page.getByRole('region', { name: 'Conversations' });
    await conversations.getByRole('textbox', { name: 'Start a chat with' }).fill('Alice@LOCALHOST');
    await conversations.getByRole('button', { name: 'Open', exact: true }).click();
    await composer(bob.page, ALICE).fill('Hi Alice,');
    await composer(bob.page, ALICE).press('Shift+Enter');
    await composer(bob.page, ALICE).pressSequentially('two lines');
    await composer(bob.page, ALICE).press('Enter');
    const received = message(alice.page, BOB, 'Hi Alice,');
    await received.waitFor({ timeout: 10_000 });
    await expect(received.textContent()).resolves.toContain('Hi Alice,\ntwo lines');
    expect(dialogs).toEqual([]);
  });
});

let carolSent = 0;
async function carolSays(count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    carolSent += 1;
    await carol.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: `carol-${carolSent}` }, xml('body', {}, `Line ${carolSent} from carol`)));
  }
}

/** Whether the element is inside the visible part of the message list (false at once when it is not in the page). */
function onScreen(locator: Locator): Promise<boolean> {
  return locator
    .first()
    .evaluate(
      (element) => {
        const box = element.getBoundingClientRect();
        const view = element.closest('.message-scroll')?.getBoundingClientRect();
        return view !== undefined && box.height > 0 && box.bottom > view.top && box.top < view.bottom;
      },
      undefined,
      { timeout: 500 },
    )
    .catch(() => false);
}

function scrollTo(page: Page, name: string, where: 'top' | 'bottom'): Promise<void> {
  return conversation(page, name)
    .getByRole('list', { name: 'Messages' })
    .evaluate((list, end) => {
      const scroller = list.parentElement;
      if (scroller) scroller.scrollTop = end === 'top' ? 0 : scroller.scrollHeight;
    }, where);
}

const CAROL = 'carol@localhost';
/** Carol's message number n (not a reply quoting it). */
const line = (n: number) => messages(alice.page, CAROL).filter({ hasText: new RegExp(`^carol@localhost: Line ${n} from carol`) });

describe('a long conversation', () => {
  it('opens on the newest messages without loading them all, older pages load above in place, down to its beginning', async () => {
    await carolSays(130);
    const entry = alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ });
    await expect.poll(() => entry.textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/Line 130 from carol.*130 unread/);
    await entry.click();
    await expect.poll(() => onScreen(line(130)), { timeout: 10_000 }).toBe(true);
    // A page of 50 is loaded, and only what is near the screen is in the page.
    await expect(line(80).count()).resolves.toBe(0);
    expect(await messages(alice.page, CAROL).count()).toBeLessThan(40);
    await expect(conversation(alice.page, CAROL).getByRole('button', { name: 'Jump to latest' }).count()).resolves.toBe(0);

    // The top of the loaded page: the page before it comes, and the message stays where it was.
    await scrollTo(alice.page, CAROL, 'top');
    await expect.poll(() => line(80).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => onScreen(line(81)), { timeout: 5_000 }).toBe(true);
    expect(await onScreen(line(60))).toBe(false);

    const beginning = conversation(alice.page, CAROL).getByText('Beginning of the conversation');
    for (let attempt = 0; attempt < 20 && (await beginning.count()) === 0; attempt += 1) {
      await scrollTo(alice.page, CAROL, 'top');
      await alice.page.waitForTimeout(250);
    }
    await scrollTo(alice.page, CAROL, 'top');
    await expect.poll(() => onScreen(beginning), { timeout: 10_000 }).toBe(true);
    await expect(onScreen(line(1))).resolves.toBe(true);
    // The day heading and the unread marker are drawn beside the list's items; screen readers hear them inside the message.
    await expect(onScreen(conversation(alice.page, CAROL).locator('.day-heading').filter({ hasText: 'Today' }))).resolves.toBe(true);
    await expect(line(1).textContent()).resolves.toContain('Today, ');
    // The marker of what was unread when the conversation was opened.
    await expect(onScreen(conversation(alice.page, CAROL).locator('.unread-marker').filter({ hasText: 'New messages' }))).resolves.toBe(true);
  });

  it('a new message waits below while reading back ("Jump to latest"), and is followed when at the bottom', async () => {
    const jump = conversation(alice.page, CAROL).getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor({ timeout: 5_000 });
    await carolSays(1);
    // It arrives (the conversation's preview shows it) but the view stays where the reader is.
    const entry = alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain('Line 131 from carol');
    // Two frames later the list has rendered the message and would have scrolled to it.
    await alice.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await onScreen(line(131))).toBe(false);
    expect(await onScreen(line(1))).toBe(true);

    await jump.click();
    await expect.poll(() => onScreen(line(131)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => jump.count(), { timeout: 5_000 }).toBe(0);
    await carolSays(1);
    await expect.poll(() => onScreen(line(132)), { timeout: 10_000 }).toBe(true);
  });

  it('a quote of a message far back shows it in its place; scrolling down reads the newer pages back to the present', async () => {
    carolSent += 1;
    await carol.send(
      xml(
        'message',
        { type: 'chat', to: `alice@${server.domain}`, id: `carol-${carolSent}` },
        xml('body', {}, '> Line 2 from carol\nStill true'),
        xml('reply', { xmlns: 'urn:xmpp:reply:0', to: `carol@${server.domain}`, id: 'carol-2' }),
        xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' }, xml('body', { start: '0', end: '19' })),
      ),
    );
    const answer = message(alice.page, CAROL, 'Still true');
    await expect.poll(() => onScreen(answer), { timeout: 10_000 }).toBe(true);
    // Opened afresh, only the newest page is loaded: the quoted message is far outside it.
    await conversation(alice.page, CAROL).getByRole('button', { name: 'Close' }).click();
    await alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ }).click();
    await expect.poll(() => onScreen(answer), { timeout: 10_000 }).toBe(true);
    await expect(line(60).count()).resolves.toBe(0);
    await expect(answer.textContent()).resolves.not.toContain('> Line 2');
    await answer.getByRole('button', { name: /Line 2 from carol/ }).click();
    await expect.poll(() => line(2).getAttribute('class', { timeout: 1_000 }), { timeout: 10_000 }).toContain('highlighted');
    await expect.poll(() => onScreen(line(2)), { timeout: 5_000 }).toBe(true);

    const jump = conversation(alice.page, CAROL).getByRole('button', { name: 'Jump to latest' });
    for (let attempt = 0; attempt < 30 && !(await onScreen(answer)); attempt += 1) {
      await scrollTo(alice.page, CAROL, 'bottom');
      await alice.page.waitForTimeout(200);
    }
    await expect.poll(() => onScreen(answer), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => jump.count(), { timeout: 5_000 }).toBe(0);
    // Every message once and in order where the pages read on either side meet.
    const seen = new Set<number>();
    for (let attempt = 0; attempt < 60 && seen.size < 40; attempt += 1) {
      const numbers = (await texts(alice.page, CAROL)).flatMap((text) => {
        const number = /^carol@localhost: Line (\d+) from carol/.exec(text)?.[1];
        return number === undefined ? [] : [Number(number)];
      });
      expect(numbers.slice(1).every((number, index) => number === (numbers[index] ?? 0) + 1)).toBe(true);
      for (const number of numbers) seen.add(number);
      await conversation(alice.page, CAROL)
        .getByRole('list', { name: 'Messages' })
        .evaluate((list) => list.parentElement?.scrollBy(0, -300));
      await alice.page.waitForTimeout(50);
    }
    expect(seen.size).toBeGreaterThanOrEqual(40);
  });
});

describe('mute and failures', () => {
  it('mutes a conversation from its header; the list marks it muted', async () => {
    const pane = conversation(alice.page, CAROL);
    await pane.getByRole('button', { name: 'Mute conversation' }).click();
    await pane.getByRole('button', { name: 'Unmute conversation' }).waitFor({ timeout: 5_000 });
    const entry = alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).toContain('(muted)');
    await pane.getByRole('button', { name: 'Unmute conversation' }).click();
    await pane.getByRole('button', { name: 'Mute conversation' }).waitFor({ timeout: 5_000 });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).not.toContain('(muted)');
  });

  it('a message the server cannot deliver shows as failed with its error, and can be retried', async () => {
    const conversations = alice.page.getByRole('region', { name: 'Conversations' });
    await conversations.getByRole('textbox', { name: 'Start a chat with' }).fill('nobody@nowhere.invalid');
    await conversations.getByRole('button', { name: 'Open', exact: true }).click();
    await send(alice.page, 'nobody@nowhere.invalid', 'Anyone there?');
    const failed = message(alice.page, 'nobody@nowhere.invalid', 'Anyone there?');
    await failed.getByRole('img', { name: 'Failed' }).waitFor({ timeout: 20_000 });
    await expect(failed.locator('.message-error').textContent()).resolves.toMatch(/\S/);
    // Every state the message shows from now on, in order, even one that lasts a single frame.
    await conversation(alice.page, 'nobody@nowhere.invalid').evaluate((pane) => {
      const shown: string[] = [];
      window.causetteStates = shown;
      const record = () => {
        const row = [...pane.querySelectorAll('[role="listitem"]')].find((item) => item.textContent.includes('Anyone there?'));
        const label = row?.querySelector('.message-state')?.getAttribute('aria-label');
        if (label && shown.at(-1) !== label) shown.push(label);
      };
      record();
      new MutationObserver(record).observe(pane, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await failed.getByRole('button', { name: 'Retry' }).click();
    // Sent again as the same message: pending, then failed again with the server's answer, still one entry.
    const states = () => alice.page.evaluate(() => window.causetteStates ?? []);
    await expect
      .poll(async () => {
        const shown = await states();
        return shown.indexOf('Pending') > 0 && shown.at(-1) === 'Failed';
      }, { timeout: 20_000, message: 'the retried message did not go pending, then fail again' })
      .toBe(true);
    expect((await states())[0]).toBe('Failed');
    await expect(failed.locator('.message-error').textContent()).resolves.toMatch(/\S/);
    await expect(messages(alice.page, 'nobody@nowhere.invalid').count()).resolves.toBe(1);
    await expect(conversation(alice.page, 'nobody@nowhere.invalid').getByRole('alert').count()).resolves.toBe(0);
  });
});
