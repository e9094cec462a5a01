package io.city4d.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens and API keys are 256 random bits, so a plain SHA-256 of them is as strong to store as a slow password hash
 * and cheap enough to check on every request and every MQTT connect.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cloned per use: looking the algorithm up among the providers cost more than the hash itself. */
    private static final MessageDigest SHA_256 = sha256();

    private Secrets() {}

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "c4d_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short, non-secret fingerprint to name a token in logs and audit records. */
    public static String fingerprint(String secret) {
        return hash(secret).substring(0, 8);
    }
}
