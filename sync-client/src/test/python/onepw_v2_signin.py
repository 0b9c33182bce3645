#!/usr/bin/env python3
# Expected values of FxaClientTest's password-stretching-v2 sign-in, computed here with nothing but Python's hashlib
# and hmac, from the published onepw formulas (mozilla/fxa packages/fxa-auth-client/lib/crypto.ts getCredentialsV2,
# unbundleKeyFetchResponse, unwrapKB; the protocol notes §2.2-2.7). This script is independent of the Java code: it
# imports nothing of fxhome and shares no code with it.
#
# Run: python3 sync-client/src/test/python/onepw_v2_signin.py
import hashlib
import hmac
import base64

NS = b"identity.mozilla.com/picl/v1/"


def hkdf(ikm, info, length):
    prk = hmac.new(b"\x00" * 32, ikm, hashlib.sha256).digest()  # RFC 5869 extract, empty salt = 32 zero bytes
    out, block, n = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([n]), hashlib.sha256).digest()
        out += block
        n += 1
    return out[:length]


def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


email = "andré@example.org"
password = "pässwörd"
client_salt = "identity.mozilla.com/picl/v1/quickStretchV2:0123456789abcdef0123456789abcdef"

qs_v2 = hashlib.pbkdf2_hmac("sha256", password.encode(), client_salt.encode(), 650000, 32)
auth_pw_v2 = hkdf(qs_v2, NS + b"authPW", 32)
unwrap_v2 = hkdf(qs_v2, NS + b"unwrapBkey", 32)

qs_v1 = hashlib.pbkdf2_hmac("sha256", password.encode(), NS + b"quickStretch:" + email.encode(), 1000, 32)
auth_pw_v1 = hkdf(qs_v1, NS + b"authPW", 32)

# The keyFetchTokenVersion2 the test server hands out, and the account's keys behind it.
key_fetch_token = bytes(range(0xC0, 0xE0))
k_a = bytes(range(0x20, 0x40))
k_b = bytes(range(0x60, 0x80))
wrap_kb = xor(k_b, unwrap_v2)  # what the server holds for the v2 credentials

km = hkdf(key_fetch_token, NS + b"keyFetchToken", 96)
key_request_key = km[64:96]
k2 = hkdf(key_request_key, NS + b"account/keys", 96)
resp_hmac_key, resp_xor_key = k2[:32], k2[32:96]
ciphertext = xor(k_a + wrap_kb, resp_xor_key)
bundle = ciphertext + hmac.new(resp_hmac_key, ciphertext, hashlib.sha256).digest()

key_rotation_ts = 1700000000123
k_sync = hkdf(k_b, NS + b"oldsync", 64)
kid = "%d-%s" % (key_rotation_ts, base64.urlsafe_b64encode(hashlib.sha256(k_b).digest()[:16]).rstrip(b"=").decode())

print("authPW_v2          ", auth_pw_v2.hex())
print("unwrapBKey_v2      ", unwrap_v2.hex())
print("authPW_v1          ", auth_pw_v1.hex())
print("keyFetchTokenV2    ", key_fetch_token.hex())
print("bundle             ", bundle.hex())
print("kB                 ", k_b.hex())
print("kSync              ", k_sync.hex())
print("kid                ", kid)
