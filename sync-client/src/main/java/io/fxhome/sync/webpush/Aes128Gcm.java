package io.fxhome.sync.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.error.CryptoException;

/**
 * The {@code aes128gcm} content coding (RFC 8188): a header {@code salt(16) ‖ rs(4) ‖ idlen(1) ‖ keyid}, then records
 * of at most {@code rs} octets, each AES-128-GCM of {@code data ‖ delimiter ‖ zero padding} (delimiter 2 on the last
 * record, 1 on the others). This writer adds no padding.
 */
public final class Aes128Gcm {
    public static final int SALT_LENGTH = 16;
    public static final int TAG_LENGTH = 16;
    /** The smallest legal record size: one octet of data, the delimiter and the tag. */
    public static final int MIN_RECORD_SIZE = 18;
    public static final int DEFAULT_RECORD_SIZE = 4096;
    private static final int HEADER_FIXED = SALT_LENGTH + 4 + 1;
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private Aes128Gcm() {
    }

    /** The parsed header of an encoded body. */
    public record Header(byte[] salt, int recordSize, byte[] keyId, int length) {
    }

    /** Reads the header. @throws CryptoException BAD_FORMAT when it is truncated or the record size is illegal */
    public static Header header(byte[] body) {
        if (body.length < HEADER_FIXED) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "aes128gcm header is truncated");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] salt = new byte[SALT_LENGTH];
        b.get(salt);
        long rs = Integer.toUnsignedLong(b.getInt());
        int idlen = b.get() & 0xff;
        if (rs < MIN_RECORD_SIZE || rs > Integer.MAX_VALUE) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "aes128gcm record size " + rs);
        }
        if (body.length < HEADER_FIXED + idlen) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "aes128gcm key id is truncated");
        }
        byte[] keyId = new byte[idlen];
        b.get(keyId);
        return new Header(salt, (int) rs, keyId, HEADER_FIXED + idlen);
    }

    /** Encodes {@code plaintext} in records of {@code recordSize} octets under {@code ikm} and {@code salt}. */
    public static byte[] encrypt(byte[] ikm, byte[] salt, byte[] keyId, int recordSize, byte[] plaintext) {
        if (salt.length != SALT_LENGTH || keyId.length > 255 || recordSize < MIN_RECORD_SIZE) {
            throw new IllegalArgumentException("aes128gcm: bad salt, key id or record size");
        }
        int dataPerRecord = recordSize - TAG_LENGTH - 1;
        int records = Math.max(1, (plaintext.length + dataPerRecord - 1) / dataPerRecord);
        ByteBuffer out = ByteBuffer.allocate(HEADER_FIXED + keyId.length + plaintext.length + records * (1 + TAG_LENGTH));
        out.put(salt).putInt(recordSize).put((byte) keyId.length).put(keyId);
        byte[][] keys = keys(ikm, salt);
        try {
            for (int seq = 0; seq < records; seq++) {
                int from = seq * dataPerRecord;
                int to = Math.min(plaintext.length, from + dataPerRecord);
                byte[] record = Arrays.copyOf(Arrays.copyOfRange(plaintext, from, to), to - from + 1);
                record[to - from] = (byte) (seq == records - 1 ? 2 : 1);
                out.put(gcm(Cipher.ENCRYPT_MODE, keys[0], nonce(keys[1], seq), record));
                Bytes.wipe(record);
            }
        } finally {
            Bytes.wipe(keys);
        }
        return out.array();
    }

    /**
     * Decodes a body; {@code ikmForKeyId} maps the header's key id to the input keying material.
     *
     * @throws CryptoException BAD_HMAC when a record does not authenticate, BAD_CIPHERTEXT / BAD_FORMAT when the
     *         records, delimiters or padding are malformed or the body is truncated
     */
    public static byte[] decrypt(byte[] body, Function<Header, byte[]> ikmForKeyId) {
        Header h = header(body);
        byte[] ikm = ikmForKeyId.apply(h);
        byte[][] keys = keys(ikm, h.salt());
        Bytes.wipe(ikm);
        try {
            ByteBuffer out = ByteBuffer.allocate(body.length);
            int pos = h.length();
            if (pos == body.length) {
                throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "aes128gcm body has no record");
            }
            for (int seq = 0; pos < body.length; seq++) {
                int end = (int) Math.min((long) pos + h.recordSize(), body.length);
                boolean last = end == body.length;
                if (end - pos <= TAG_LENGTH) {
                    throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "aes128gcm record too short");
                }
                byte[] plain = gcm(Cipher.DECRYPT_MODE, keys[0], nonce(keys[1], seq),
                        Arrays.copyOfRange(body, pos, end));
                int i = plain.length - 1;
                while (i >= 0 && plain[i] == 0) {
                    i--;
                }
                if (i < 0 || plain[i] != (last ? 2 : 1)) {
                    throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT,
                            "aes128gcm record " + seq + " has a bad delimiter (truncated or reordered?)");
                }
                out.put(plain, 0, i);
                Bytes.wipe(plain);
                pos = end;
            }
            return Arrays.copyOf(out.array(), out.position());
        } finally {
            Bytes.wipe(keys);
        }
    }

    /** CEK and base nonce for one salt: HKDF (RFC 5869) with the RFC 8188 info strings. */
    static byte[][] keys(byte[] ikm, byte[] salt) {
        byte[] prk = Hkdf.extract(salt, ikm);
        try {
            return new byte[][] { Hkdf.expand(prk, CEK_INFO, 16), Hkdf.expand(prk, NONCE_INFO, 12) };
        } finally {
            Bytes.wipe(prk);
        }
    }

    private static byte[] nonce(byte[] base, long seq) {
        byte[] n = base.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    private static byte[] gcm(int mode, byte[] cek, byte[] nonce, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new CryptoException(CryptoException.Problem.BAD_HMAC, "aes128gcm record does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "aes128gcm: " + e.getClass().getSimpleName());
        }
    }
}
