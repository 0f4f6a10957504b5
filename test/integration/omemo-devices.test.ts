// What the trust UI is told of OMEMO devices (XEP-0384 v0.3.0 §4.2, §8), between cores on the harness Prosody: when a message
// from each device was last decrypted, every trust decision, and a new device of a verified contact that awaits a decision.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, befriend } = harness;

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

describe('the OMEMO devices the renderer is told of', () => {
  it('records when a device was last decrypted, tells trust decisions, and tells of a verified contact’s new device', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await bob.handlers['omemo.encryption']({ accountId: bob.accountId, peer: aliceJid })).on, 'bob sees alice’s device');
    const bobDevice = (await bob.handlers['omemo.devices']({ accountId: bob.accountId, jid: aliceJid })).own.deviceId;

    const before = Date.now();
    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'seen from my phone' });
    await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'seen from my phone'), 'alice decrypts');
    // Spoken to in OMEMO 2 once his OMEMO 2 list is known (it may come just after the 0.3 one).
    const listed = await until(async () => (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid })).devices.find((device) => device.version === 'omemo2'), 'alice lists bob’s device as speaking OMEMO 2');
    expect(listed).toMatchObject({ deviceId: bobDevice, trust: 'undecided', used: true, version: 'omemo2' });
    expect(listed?.lastSeen).toBeGreaterThanOrEqual(before);
    expect(listed?.lastSeen).toBeLessThanOrEqual(Date.now());

    await alice.handlers['omemo.setTrust']({ accountId: alice.accountId, jid: bobJid, deviceId: bobDevice, trust: 'verified' });
    const told = eventsNamed(alice, 'omemo.devices').find((event) => event.jid === bobJid && event.devices.devices.some((device) => device.trust === 'verified'));
    expect(told?.devices.devices).toMatchObject([{ deviceId: bobDevice, trust: 'verified', used: true }]);

    // Bob signs in on a second computer: alice hears of his new device from his list, undecided and not encrypted for.
    const laptop = await signIn(bobJid);
    const laptopDevice = (await laptop.handlers['omemo.devices']({ accountId: laptop.accountId, jid: aliceJid })).own.deviceId;
    const fresh = await until(
      () => eventsNamed(alice, 'omemo.devices').find((event) => event.jid === bobJid && event.devices.devices.some((device) => device.deviceId === laptopDevice && device.fingerprint !== undefined)),
      'alice is told of bob’s new device',
    );
    expect(fresh.accountId).toBe(alice.accountId);
    expect(fresh.devices.devices.find((device) => device.deviceId === laptopDevice)).toMatchObject({ trust: 'undecided', used: false });
    // And bob's first computer hears of its new sibling among his own devices.
    await until(() => eventsNamed(bob, 'omemo.devices').find((event) => event.jid === bobJid && event.devices.devices.some((device) => device.deviceId === laptopDevice)), 'bob is told of his new device');
  });

  it('a second computer signing in for the first time is told of bob’s devices, the phone’s and its own, once its own device is made after the start-up', async () => {
    const [bobJid = ''] = await users('bob');
    const phone = await signIn(bobJid);
    const phoneDevice = (await phone.handlers['omemo.devices']({ accountId: phone.accountId, jid: bobJid })).own.deviceId;
    await until(() => eventsNamed(phone, 'omemo.devices').find((event) => event.jid === bobJid && event.devices.own.deviceId === phoneDevice), 'the phone’s device is published');

    // A second computer: the server sends bob's list (the phone's device) right after its initial presence (XEP-0163 §4.3.2).
    const laptop = await signIn(bobJid);
    const told = await until(() => laptop.events.findIndex((event) => event.name === 'omemo.devices' && (event.payload as { jid: string }).jid === bobJid) + 1 || undefined, 'the laptop is told of bob’s devices');
    const caughtUp = laptop.events.findIndex((event) => event.name === 'chat.archiveSync' && (event.payload as { sync: { status: string } }).sync.status === 'idle') + 1;
    expect(caughtUp).toBeGreaterThan(0);
    expect(told).toBeGreaterThan(caughtUp);
    const first = laptop.events[told - 1]?.payload as { devices: { own: { deviceId: number }; devices: { deviceId: number }[] } };
    expect(first.devices.devices.map((device) => device.deviceId)).toContain(phoneDevice);
    expect(first.devices.own.deviceId).not.toBe(phoneDevice);
  });

  it('reads a sender’s device list again when a message comes from a device not on it (XEP-0384 v0.8 §6), without a notification', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    // No presence subscription between them: alice is sent no PEP notification of bob's lists (XEP-0163 §4.3).
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const devicesOfBob = async () => (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid })).devices.map((device) => device.deviceId);
    const bobDevice = (await bob.handlers['omemo.devices']({ accountId: bob.accountId, jid: aliceJid })).own.deviceId;
    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'from my phone' });
    await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'from my phone'), 'alice decrypts the phone’s message');
    expect(await devicesOfBob()).toEqual([bobDevice]);

    // Bob's new computer publishes its device; alice, told nothing, still holds the list she read.
    const laptop = await signIn(bobJid);
    const laptopDevice = (await laptop.handlers['omemo.devices']({ accountId: laptop.accountId, jid: aliceJid })).own.deviceId;
    await until(async () => (await bob.handlers['omemo.devices']({ accountId: bob.accountId, jid: bobJid })).devices.some((device) => device.deviceId === laptopDevice), 'bob’s list has the laptop');
    expect(await devicesOfBob()).toEqual([bobDevice]);
    expect(eventsNamed(alice, 'omemo.devices').some((event) => event.devices.devices.some((device) => device.deviceId === laptopDevice))).toBe(false);

    await laptop.handlers['chat.send']({ accountId: laptop.accountId, peer: aliceJid, body: 'from my laptop' });
    await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'from my laptop'), 'alice decrypts the laptop’s message');
    await until(async () => (await devicesOfBob()).includes(laptopDevice), 'alice reads bob’s list again and learns the laptop');
    expect((await devicesOfBob()).sort()).toEqual([bobDevice, laptopDevice].sort());
  });
});
