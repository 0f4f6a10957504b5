// OMEMO 0.3 wired into the account session (XEP-0384 v0.3.0 §4.2–4.3): a core publishes its device and bundle at sign-in,
// keeping the other devices' ids, and announces +notify for device lists in its disco#info.
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleRequest, parseBundle } from '../../electron/core/omemo/axolotl-bundle.ts';
import { buildDeviceListPublish, buildDeviceListRequest, parseDeviceList } from '../../electron/core/omemo/axolotl-device-list.ts';
import { NS_DEVICE_LIST_NOTIFY } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { NS_DISCO_INFO } from '../../electron/core/xmpp/disco/disco-info.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

describe('OMEMO on the account session', () => {
  it('publishes our device beside another client’s and the bundle at each sign-in, and asks for contacts’ lists', async () => {
    const [alice = '', bob = ''] = await harness.users('alice', 'bob');
    const other = await harness.raw(alice, 'other-client');
    await other.iq(buildDeviceListPublish([4223]));
    const core = await harness.signIn(alice);

    const stranger = await harness.raw(bob, 'r');
    const list = async () => parseDeviceList(await stranger.iq(buildDeviceListRequest(alice))) ?? [];
    const devices = await until(async () => ((await list()).length === 2 ? list() : undefined), 'alice’s device in her list');
    expect(devices[0]).toBe(4223);
    const own = devices[1] ?? 0;
    const bundle = parseBundle(await stranger.iq(buildBundleRequest(alice, own)), own);
    expect(bundle?.preKeys).toHaveLength(100);

    const info = await stranger.iq(xml('iq', { type: 'get', to: await harness.fullJid(core) }, xml('query', { xmlns: NS_DISCO_INFO })));
    const features = info.getChild('query', NS_DISCO_INFO)?.getChildren('feature').map((feature) => feature.attrs.var);
    expect(features).toContain(NS_DEVICE_LIST_NOTIFY);

    // Signed in again from the same profile: the same device, the list unchanged.
    await harness.close(core);
    await harness.signIn(alice, { profile: core.profile });
    expect(await list()).toEqual([4223, own]);

    // Another client drops our id: the core puts it back (§4.2).
    await other.iq(buildDeviceListPublish([4223]));
    await until(async () => (await list()).includes(own), 'our device back in the list');
  });
});
