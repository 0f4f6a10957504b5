-- Test harness only: the channel-binding types Prosody 0.12 lacks, so that Causette's SCRAM-*-PLUS is checked by a
-- real server. tls-exporter (RFC 9266) and tls-server-end-point (RFC 5929 §4), announced per XEP-0440.
local st = require "util.stanza";
local x509 = require "ssl.x509";

local types = module:get_option_array("causette_channel_binding_types", { "tls-exporter", "tls-server-end-point" });
local certificate_file = module:get_option("ssl").certificate;

local function read_certificate()
	local file = assert(io.open(certificate_file));
	local pem = file:read("*a");
	file:close();
	return assert(x509.load(pem));
end

local handlers = {
	-- RFC 9266 §2: 32 bytes of the exporter, with an empty context.
	["tls-exporter"] = function(self)
		return self.userdata["tls-unique"]:exportkeyingmaterial("EXPORTER-Channel-Binding", 32, "");
	end,
	-- RFC 5929 §4.1: the harness signs with ecdsa-with-SHA256, so SHA-256 of the DER certificate.
	["tls-server-end-point"] = function()
		return read_certificate():digest("sha256"):gsub("..", function(byte) return string.char(tonumber(byte, 16)); end);
	end,
};

module:hook("stream-features", function(event)
	local origin, features = event.origin, event.features;
	local sasl_handler = origin.sasl_handler;
	if origin.username or not origin.encrypted or not sasl_handler then return; end
	local mechanisms = features:get_child("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl");
	if not mechanisms then return; end
	local offered = {};
	for mechanism in mechanisms:childtags("mechanism") do offered[mechanism:get_text()] = true; end
	local announced = st.stanza("sasl-channel-binding", { xmlns = "urn:xmpp:sasl-cb:0" });
	for _, name in ipairs(types) do
		sasl_handler:add_cb_handler(name, handlers[name]);
		announced:tag("channel-binding", { type = name }):up();
	end
	-- 0.12 lists -PLUS only where tls-unique works (TLS 1.2); with the types above it works on TLS 1.3 too.
	for mechanism in pairs(offered) do
		local plus = mechanism:match("^SCRAM%-[%w-]+$") and not mechanism:match("%-PLUS$") and mechanism .. "-PLUS";
		if plus and not offered[plus] then mechanisms:tag("mechanism"):text(plus):up(); end
	end
	features:add_child(announced);
end, -1);
