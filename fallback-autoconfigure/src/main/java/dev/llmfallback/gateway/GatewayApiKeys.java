package dev.llmfallback.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The keys that may call the gateway, checked in constant time. Only their SHA-256
 * digests are kept, so neither a heap dump nor {@code toString()} shows a key, and the
 * comparison time depends neither on a key's content nor on its length.
 */
public final class GatewayApiKeys {

	private static final String BEARER = "Bearer ";

	private final List<byte[]> digests;

	/**
	 * Keys a client must present; none leaves the gateway open.
	 * @param keys the keys, blank ones ignored
	 */
	public GatewayApiKeys(List<String> keys) {
		this.digests = keys.stream()
			.filter((key) -> key != null && !key.isBlank())
			.map(GatewayApiKeys::digest)
			.toList();
	}

	/**
	 * Whether any key is required.
	 * @return {@code true} when at least one key is configured
	 */
	public boolean isRequired() {
		return !this.digests.isEmpty();
	}

	/**
	 * Whether an {@code Authorization} header value carries an accepted key.
	 * @param authorization the header's value, may be {@code null}
	 * @return {@code true} when no key is required or the bearer token matches one
	 */
	public boolean accepts(String authorization) {
		if (!isRequired()) {
			return true;
		}
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return false;
		}
		byte[] given = digest(authorization.substring(BEARER.length()).trim());
		boolean match = false;
		for (byte[] digest : this.digests) {
			// no short cut: every key is compared, whichever matches
			match |= MessageDigest.isEqual(digest, given);
		}
		return match;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "GatewayApiKeys[keys=" + this.digests.size() + "]";
	}

}
