-- Bench only: a component whose every address is a busy room (XEP-0045). A join (§7.2) is answered with
-- `bench_room_occupants` simulated occupants' presences, then the joiner's own presence (status 110) and the subject
-- (§7.2.16); then the room says `bench_room_rate` messages a second, each from one of the occupants, for
-- `bench_room_seconds`. Each body carries its sequence number and when it was sent, for the client to measure its lag.
local st = require "util.stanza";
local jid_split = require "util.jid".split;
local now = require "util.time".now;

local occupants = module:get_option_number("bench_room_occupants", 2000);
local rate = module:get_option_number("bench_room_rate", 100);
local seconds = module:get_option_number("bench_room_seconds", 30);
local tick = 0.05;

local NS_MUC_USER = "http://jabber.org/protocol/muc#user";
-- Per joiner (its full JID): the room, its nickname, and whether its stream still runs.
local joined = {};

local function occupant_presence(room, nick, to, self)
	local presence = st.presence({ from = room .. "/" .. nick, to = to })
		:tag("x", { xmlns = NS_MUC_USER })
		:tag("item", { affiliation = "none", role = "participant" }):up();
	if self then presence:tag("status", { code = "110" }):up(); end
	return presence:up();
end

local function stream(joiner)
	local total = rate * seconds;
	local sent = 0;
	local per_tick = rate * tick;
	local owed = 0;
	module:add_timer(tick, function()
		local state = joined[joiner.jid];
		if state ~= joiner then return; end
		owed = owed + per_tick;
		while owed >= 1 and sent < total do
			owed = owed - 1;
			sent = sent + 1;
			local speaker = "user" .. tostring(sent % occupants + 1);
			local id = joiner.room .. "-" .. tostring(sent);
			module:send(st.message({ from = joiner.room .. "/" .. speaker, to = joiner.jid, type = "groupchat", id = id })
				:text_tag("body", string.format("bench %d %.3f", sent, now()))
				:tag("stanza-id", { xmlns = "urn:xmpp:sid:0", by = joiner.room, id = id }):up());
		end
		if sent < total then return tick; end
	end);
end

module:hook("presence/full", function(event)
	local stanza = event.stanza;
	local room_node, host, nick = jid_split(stanza.attr.to);
	local from = stanza.attr.from;
	local room = room_node .. "@" .. host;
	if stanza.attr.type == "unavailable" then
		joined[from] = nil;
		module:send(st.presence({ from = stanza.attr.to, to = from, type = "unavailable" })
			:tag("x", { xmlns = NS_MUC_USER }):tag("item", { affiliation = "none", role = "none" }):up():tag("status", { code = "110" }):up():up());
		return true;
	end
	if stanza.attr.type ~= nil or joined[from] then return true; end
	for index = 1, occupants do module:send(occupant_presence(room, "user" .. tostring(index), from, false)); end
	module:send(occupant_presence(room, nick, from, true));
	module:send(st.message({ from = room, to = from, type = "groupchat", id = "subject" }):text_tag("subject", "A busy room"));
	local joiner = { jid = from, room = room };
	joined[from] = joiner;
	stream(joiner);
	return true;
end);

module:hook("presence/bare", function() return true; end);
module:hook("presence/host", function() return true; end);

-- §6.4: what the room is; every other request (an archive query, a configuration form) is not served.
local function answer_iq(event)
	local stanza = event.stanza;
	if stanza.attr.type ~= "get" and stanza.attr.type ~= "set" then return true; end
	local query = stanza:get_child("query", "http://jabber.org/protocol/disco#info");
	if stanza.attr.type ~= "get" or not query or select(3, jid_split(stanza.attr.to)) then
		module:send(st.error_reply(stanza, "cancel", "service-unavailable"));
		return true;
	end
	module:send(st.reply(stanza)
		:tag("query", { xmlns = "http://jabber.org/protocol/disco#info" })
		:tag("identity", { category = "conference", type = "text", name = "Bench room" }):up()
		:tag("feature", { var = "http://jabber.org/protocol/muc" }):up()
		:tag("feature", { var = "urn:xmpp:sid:0" }):up()
		:tag("feature", { var = "muc_public" }):up()
		:tag("feature", { var = "muc_open" }):up()
		:tag("feature", { var = "muc_semianonymous" }):up()
		:tag("feature", { var = "muc_temporary" }):up()
		:tag("feature", { var = "muc_unmoderated" }):up());
	return true;
end
module:hook("iq/full", answer_iq);
module:hook("iq/bare", answer_iq);
module:hook("iq/host", answer_iq);
module:hook("message/full", function() return true; end);
module:hook("message/bare", function() return true; end);
