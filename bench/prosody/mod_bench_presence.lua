-- Bench only: a component whose users are fake contacts. It answers presence probes (RFC 6121 §4.3) as a
-- server would for subscribed contacts: the first `bench_online` with one available resource, the rest unavailable,
-- and answers disco#info (XEP-0030) for the caps 'ver' those resources announce (XEP-0115).
local st = require "util.stanza";
local jid_split = require "util.jid".split;

local online = module:get_option_number("bench_online", 0);
local caps_node = module:get_option_string("bench_caps_node", "https://causette.invalid/bench");
local caps_ver = module:get_option_string("bench_caps_ver");
local client_name = module:get_option_string("bench_client_name", "Bench");

local function index_of(node)
	local digits = node and node:match("^c(%d+)$");
	return digits and tonumber(digits);
end

module:hook("presence/bare", function(event)
	local stanza = event.stanza;
	local node = jid_split(stanza.attr.to);
	local index = index_of(node);
	-- Only probes are answered; the user's own broadcast presence to the contacts is dropped, as for offline users.
	if stanza.attr.type ~= "probe" or not index then return true; end
	local contact = node .. "@" .. module.host;
	if index <= online then
		module:send(st.presence({ from = contact .. "/bench", to = stanza.attr.from })
			:text_tag("priority", "0")
			:tag("c", { xmlns = "http://jabber.org/protocol/caps", hash = "sha-1", node = caps_node, ver = caps_ver }):up());
	else
		module:send(st.presence({ from = contact, to = stanza.attr.from, type = "unavailable" }));
	end
	return true;
end);

module:hook("presence/full", function() return true; end);
module:hook("presence/host", function() return true; end);

local function answer_iq(event)
	local stanza = event.stanza;
	if stanza.attr.type ~= "get" and stanza.attr.type ~= "set" then return true; end
	local query = stanza:get_child("query", "http://jabber.org/protocol/disco#info");
	if stanza.attr.type ~= "get" or not query then
		module:send(st.error_reply(stanza, "cancel", "service-unavailable"));
		return true;
	end
	module:send(st.reply(stanza)
		:tag("query", { xmlns = "http://jabber.org/protocol/disco#info", node = query.attr.node })
		:tag("identity", { category = "client", type = "pc", name = client_name }):up()
		:tag("feature", { var = "http://jabber.org/protocol/disco#info" }):up());
	return true;
end
module:hook("iq/full", answer_iq);
module:hook("iq/bare", answer_iq);
module:hook("iq/host", answer_iq);
module:hook("message/full", function() return true; end);
module:hook("message/bare", function() return true; end);
