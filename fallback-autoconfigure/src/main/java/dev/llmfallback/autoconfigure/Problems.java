package dev.llmfallback.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.StringUtils;

/**
 * The problems found in the {@code llm.*} properties, each naming its property and how to
 * fix it.
 */
class Problems {

	private final List<String> problems = new ArrayList<>();

	void add(String message) {
		this.problems.add(message);
	}

	void clear() {
		this.problems.clear();
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	List<String> list() {
		return List.copyOf(this.problems);
	}

	void checkPositive(String key, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			add(key + " must be positive, was " + value);
		}
	}

	void checkPositive(String key, int value) {
		if (value <= 0) {
			add(key + " must be positive, was " + value);
		}
	}

	void checkPositive(String key, Integer value) {
		if (value != null && value <= 0) {
			add(key + " must be positive, was " + value);
		}
	}

	void checkPositive(String key, BigDecimal value) {
		if (value != null && value.signum() <= 0) {
			add(key + " must be positive, was " + value);
		}
	}

	void checkNotNegative(String key, Integer value) {
		if (value != null && value < 0) {
			add(key + " must not be negative, was " + value);
		}
	}

	void checkNotNegative(String key, BigDecimal value) {
		if (value != null && value.signum() < 0) {
			add(key + " must not be negative, was " + value);
		}
	}

	static String emptyToNull(String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
