"""XEP-0454 files with Python's `cryptography` (Debian's python3-cryptography), independent of Causette's code:
  decrypt AESGCM_URL CA_FILE   fetches the aesgcm:// URL's file over https (trusting CA_FILE) and prints the sha256 of
                               the plaintext, after checking the tag
  encrypt IN OUT               writes IN encrypted (AES-256-GCM, 12-byte IV, ciphertext then tag) to OUT and prints the
                               URL fragment: the IV then the key, in hex"""
import hashlib
import os
import ssl
import sys
import urllib.request

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def decrypt(url, ca_file):
    if not url.startswith("aesgcm://"):
        raise SystemExit("not an aesgcm:// URL")
    address, fragment = url[len("aesgcm://"):].split("#", 1)
    secrets = bytes.fromhex(fragment)
    iv, key = secrets[:-32], secrets[-32:]
    context = ssl.create_default_context(cafile=ca_file)
    with urllib.request.urlopen("https://" + address, context=context, timeout=30) as response:
        data = response.read()
    print(hashlib.sha256(AESGCM(key).decrypt(iv, data, None)).hexdigest())


def encrypt(source, target):
    key, iv = AESGCM.generate_key(bit_length=256), os.urandom(12)
    with open(source, "rb") as plain, open(target, "wb") as out:
        out.write(AESGCM(key).encrypt(iv, plain.read(), None))
    print(iv.hex() + key.hex())


if __name__ == "__main__":
    if sys.argv[1] == "decrypt":
        decrypt(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "encrypt":
        encrypt(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
