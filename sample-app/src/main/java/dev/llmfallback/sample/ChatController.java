package dev.llmfallback.sample;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Tier;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal chat endpoint in front of the {@link LlmRouter}.
 */
@RestController
class ChatController {

	private final LlmRouter router;

	ChatController(LlmRouter router) {
		this.router = router;
	}

	@PostMapping("/chat")
	Mono<Answer> chat(@RequestBody Question question) {
		ChatRequest request = ChatRequest.builder()
			.user(question.message())
			.minimumTier((question.minimumTier() != null) ? question.minimumTier() : Tier.BASIC)
			.build();
		return this.router.chat(request).map(Answer::of);
	}

	record Question(String message, Tier minimumTier) {

	}

	record Answer(String text, String provider, String model, String level, List<String> attempts) {

		static Answer of(ChatResponse response) {
			return new Answer(response.text(), response.provider(), response.model(), response.level().name(),
					response.attempts().stream().map(Attempt::toString).toList());
		}

	}

}
