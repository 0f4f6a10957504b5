-- Tests only: the XEP-0186 invisible command, which Prosody 0.12 lacks. While a session is invisible (§3.1) its
-- broadcast presence reaches nobody, yet the session counts as available to receive; <visible/> (§3.2) ends it.
local st = require "util.stanza";

local NS = "urn:xmpp:invisible:0";
module:add_feature(NS);

local function set_invisible(invisible)
	return function(event)
		event.origin.test_invisible = invisible or nil;
		event.origin.send(st.reply(event.stanza));
		return true;
	end
end
module:hook("iq-set/self/" .. NS .. ":invisible", set_invisible(true));
module:hook("iq-set/self/" .. NS .. ":visible", set_invisible(false));

-- Before mod_presence broadcasts it: keep the presence for delivery to this session, send it to no contact.
module:hook("presence/bare", function(event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.to or stanza.attr.type or not origin.test_invisible then return; end
	origin.presence = stanza;
	return true;
end, 10);
