-- Tests only: a room forgets one occupant without telling anyone, as a restarted room service does (XEP-0410 §1). An iq
-- set to our own account, <forget xmlns='urn:causette:test:muc-forget' room='room@service' nick='Nick'/>, asks it.
local st = require "util.stanza";
local jid_host = require "util.jid".host;

local NS = "urn:causette:test:muc-forget";

module:hook("iq-set/self/" .. NS .. ":forget", function(event)
	local origin, stanza = event.origin, event.stanza;
	local forget = stanza.tags[1];
	local room_jid, nick = forget.attr.room, forget.attr.nick;
	local component = room_jid and prosody.hosts[jid_host(room_jid)];
	local muc = component and component.modules.muc;
	local room = muc and muc.get_room_from_jid(room_jid);
	local occupant = room and nick and room:get_occupant_by_nick(room_jid .. "/" .. nick);
	if not occupant then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	-- An occupant without a role has left (muc.lib's save_occupant): gone from the room's lists, no presence sent.
	occupant.role = nil;
	room:save_occupant(occupant);
	origin.send(st.reply(stanza));
	return true;
end);
