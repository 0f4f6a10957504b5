// The two OMEMO profiles behind one shape: what each names and encrypts, and which one a contact gets.
import { describe, expect, it } from 'vitest';
import { axolotlProfile } from '../../../electron/core/omemo/axolotl-profile.ts';
import { chooseProfile } from '../../../electron/core/omemo/omemo-profile.ts';
import { omemo2Profile } from '../../../electron/core/omemo/omemo2/profile.ts';

describe('OMEMO profiles', () => {
  it('OMEMO 0.3 encrypts the text with AES-128-GCM in the axolotl nodes', () => {
    const sealed = axolotlProfile.seal('Salut', 'alice@example.org');
    expect(sealed.keyMaterial).toHaveLength(32);
    expect(sealed.iv).toHaveLength(12);
    expect(axolotlProfile.open(sealed, 'alice@example.org')).toEqual({ body: 'Salut', extra: [] });
    expect(axolotlProfile.bundleNode(5)).toBe('eu.siacs.conversations.axolotl.bundles:5');
    expect(axolotlProfile.bundleItemId(5)).toBe('current');
  });

  it('OMEMO 2 encrypts an SCE envelope naming the sender, in the shared bundles node', () => {
    const sealed = omemo2Profile.seal('Salut', 'alice@example.org', 'bob@example.org');
    expect(sealed.keyMaterial).toHaveLength(48);
    expect(sealed.iv).toBeUndefined();
    expect(omemo2Profile.open(sealed, 'alice@example.org')).toEqual({ body: 'Salut', extra: [], to: 'bob@example.org' });
    expect(() => omemo2Profile.open(sealed, 'mallory@example.org')).toThrow();
    expect(omemo2Profile.deviceListNode).toBe('urn:xmpp:omemo:2:devices');
    expect(omemo2Profile.bundleNode(5)).toBe('urn:xmpp:omemo:2:bundles');
    expect(omemo2Profile.bundleItemId(5)).toBe('5');
  });

  it('a contact with OMEMO 2 devices gets OMEMO 2, any other 0.3', () => {
    const profiles = { axolotl: axolotlProfile, omemo2: omemo2Profile };
    expect(chooseProfile(profiles, true).version).toBe('omemo2');
    expect(chooseProfile(profiles, false).version).toBe('axolotl');
  });
});
