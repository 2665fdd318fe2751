package dev.llmfallback.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A demo of the LLM fallback starter. By default its providers are simulated over real
 * HTTP on loopback, so it runs without any API key.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
