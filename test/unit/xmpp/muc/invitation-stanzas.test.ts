import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildDecline, buildDirectInvite, buildMediatedInvite, NS_CONFERENCE, parseInvitation } from '../../../../electron/core/xmpp/muc/invitation-stanzas.ts';
import { NS_MUC_USER } from '../../../../electron/core/xmpp/muc/muc-stanzas.ts';

const room = 'tea@conference.example.org';

describe('XEP-0249 direct invitations', () => {
  it('reads the room, the inviter (bare), the reason and the password', () => {
    const message = xml('message', { from: 'Alice@Example.org/phone', to: 'bob@example.org' }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: ' Tea? ', password: 'pw' }));
    expect(parseInvitation(message)).toEqual({ kind: 'invitation', invitation: { room, from: 'alice@example.org', kind: 'direct', reason: 'Tea?', password: 'pw' } });
  });

  it('builds what it reads', () => {
    const built = buildDirectInvite({ to: 'bob@example.org', room, reason: 'Tea?', id: '1' });
    expect(built.getChild('x', NS_CONFERENCE)?.attrs).toEqual({ xmlns: NS_CONFERENCE, jid: room, reason: 'Tea?' });
    expect(parseInvitation(xml('message', { ...built.attrs, from: 'alice@example.org/a' }, ...built.children))).toMatchObject({ invitation: { room, kind: 'direct', reason: 'Tea?' } });
  });

  it('refuses an invitation to something that is not a room address, and leaves messages without one alone', () => {
    expect(parseInvitation(xml('message', { from: 'alice@example.org/a' }, xml('x', { xmlns: NS_CONFERENCE, jid: 'conference.example.org' })))).toMatchObject({ kind: 'ill-formed' });
    expect(parseInvitation(xml('message', { from: 'alice@example.org/a' }, xml('x', { xmlns: NS_CONFERENCE })))).toMatchObject({ kind: 'ill-formed' });
    expect(parseInvitation(xml('message', { from: 'alice@example.org/a' }, xml('body', {}, 'hi')))).toBeUndefined();
  });

  it('drops a reason or password beyond its bound instead of keeping it', () => {
    const parsed = parseInvitation(xml('message', { from: 'alice@example.org/a' }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: 'x'.repeat(5000) })));
    expect(parsed).toEqual({ kind: 'invitation', invitation: { room, from: 'alice@example.org', kind: 'direct' } });
  });
});

describe('XEP-0045 §7.8.2 mediated invitations', () => {
  const mediated = (from: string, ...children: ReturnType<typeof xml>[]) => xml('message', { from, to: 'bob@example.org' }, xml('x', { xmlns: NS_MUC_USER }, ...children));

  it('reads the inviter from <invite from>, the password from the room, and prefers it over the compat jabber:x:conference', () => {
    const message = mediated(room, xml('invite', { from: 'alice@example.org/phone' }, xml('reason', {}, 'Plans')), xml('password', {}, 'pw'));
    message.append(xml('x', { xmlns: NS_CONFERENCE, jid: room }));
    expect(parseInvitation(message)).toEqual({ kind: 'invitation', invitation: { room, from: 'alice@example.org', kind: 'mediated', reason: 'Plans', password: 'pw' } });
  });

  it('keeps the inviter’s occupant JID whole when a semi-anonymous room gives no real JID', () => {
    expect(parseInvitation(mediated(room, xml('invite', { from: `${room}/Alice` })))).toMatchObject({ invitation: { room, from: `${room}/Alice`, kind: 'mediated' } });
  });

  it('takes it only from a room’s bare address, never from an occupant or a user', () => {
    expect(parseInvitation(mediated(`${room}/mallory`, xml('invite', { from: 'alice@example.org' })))).toMatchObject({ kind: 'ill-formed' });
    expect(parseInvitation(mediated('example.org', xml('invite', { from: 'alice@example.org' })))).toMatchObject({ kind: 'ill-formed' });
    expect(parseInvitation(mediated(room, xml('invite', {})))).toMatchObject({ kind: 'ill-formed' });
  });

  it('reads a decline, and ignores groupchat and error messages', () => {
    expect(parseInvitation(mediated(room, xml('decline', { from: 'bob@example.org/x' }, xml('reason', {}, 'Busy'))))).toEqual({ kind: 'decline', room, from: 'bob@example.org', reason: 'Busy' });
    const groupchat = mediated(room, xml('invite', { from: 'alice@example.org' }));
    groupchat.attrs.type = 'groupchat';
    expect(parseInvitation(groupchat)).toBeUndefined();
  });

  it('builds an invitation and a decline to the room', () => {
    const invite = buildMediatedInvite({ room, to: ['bob@example.org'], reason: 'Plans', id: '1' });
    expect(invite.attrs.to).toBe(room);
    expect(invite.getChild('x', NS_MUC_USER)?.getChild('invite')?.attrs.to).toBe('bob@example.org');
    expect(invite.getChild('x', NS_MUC_USER)?.getChild('invite')?.getChildText('reason')).toBe('Plans');
    const decline = buildDecline({ room, to: 'alice@example.org', id: '2' });
    expect(decline.getChild('x', NS_MUC_USER)?.getChild('decline')?.attrs).toEqual({ to: 'alice@example.org' });
  });
});
