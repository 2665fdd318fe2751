package dev.llmfallback.sample;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.llmfallback.Attempt;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.springai.LlmRouterChatModel;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same question asked through Spring AI's {@link ChatClient}, whose {@link ChatModel}
 * is the router.
 */
@RestController
class SpringAiController {

	private final ChatClient chatClient;

	SpringAiController(ChatModel chatModel) {
		this.chatClient = ChatClient.create(chatModel);
	}

	@PostMapping("/spring-ai/chat")
	Mono<Answer> chat(@RequestBody ChatController.Question question) {
		// ChatClient's call blocks: off the event loop
		return Mono.fromCallable(() -> this.chatClient.prompt().user(question.message()).call().chatResponse())
			.subscribeOn(Schedulers.boundedElastic())
			.map(Answer::of);
	}

	record Answer(String text, String provider, String model, String level, List<String> attempts) {

		static Answer of(ChatResponse response) {
			List<Attempt> attempts = response.getMetadata().get(LlmRouterChatModel.ATTEMPTS);
			DegradationLevel level = response.getMetadata().get(LlmRouterChatModel.LEVEL);
			return new Answer(response.getResult().getOutput().getText(),
					response.getMetadata().get(LlmRouterChatModel.PROVIDER), response.getMetadata().getModel(),
					level.name(), attempts.stream().map(Attempt::toString).toList());
		}

	}

}
