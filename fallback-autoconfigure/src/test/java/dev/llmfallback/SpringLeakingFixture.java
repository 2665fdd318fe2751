package dev.llmfallback;

import org.springframework.util.StringUtils;

/**
 * A class in the API package that imports Spring, to show that the architecture rule
 * would catch it. It lives in the test sources only.
 */
class SpringLeakingFixture {

	boolean hasText(String text) {
		return StringUtils.hasText(text);
	}

}
