package dev.llmfallback.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import org.springframework.util.FileSystemUtils;

/**
 * A headless Chromium driven over the Chrome DevTools protocol: one page, JavaScript
 * evaluation and screenshots. Every wait is bounded.
 */
final class HeadlessChromium implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path profile;

	private final Process process;

	private final WebSocket socket;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private HeadlessChromium(Path executable, int width, int height) throws Exception {
		this.profile = Files.createTempDirectory("chromium-profile");
		this.process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-color-profile=srgb",
				"--window-size=" + width + "," + height, "--user-data-dir=" + this.profile,
				"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
			.redirectErrorStream(true)
			.redirectOutput(this.profile.resolve("chromium.log").toFile())
			.start();
		Path portFile = this.profile.resolve("DevToolsActivePort");
		Awaitility.await("Chromium's DevTools port")
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !this.process.isAlive()
					|| (Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2));
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Chromium exited with " + this.process.exitValue() + ": "
					+ Files.readString(this.profile.resolve("chromium.log")));
		}
		int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		HttpResponse<String> targets = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		String page = Stream.of(JSON.readTree(targets.body()))
			.flatMap((list) -> Stream.iterate(0, (i) -> i < list.size(), (i) -> i + 1).map(list::get))
			.filter((target) -> "page".equals(target.path("type").asText()))
			.map((target) -> target.path("webSocketDebuggerUrl").asText())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Chromium opened no page: " + targets.body()));
		this.socket = http.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create(page), new Listener())
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Start Chromium, when it is installed.
	 * @param width the window's width
	 * @param height the window's height
	 * @return the browser, or empty when no Chromium is installed
	 */
	static Optional<HeadlessChromium> start(int width, int height) throws Exception {
		Optional<Path> executable = executable();
		return executable.isPresent() ? Optional.of(new HeadlessChromium(executable.get(), width, height))
				: Optional.empty();
	}

	static Optional<Path> executable() {
		return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
			.filter((dir) -> !dir.isEmpty())
			.flatMap((dir) -> List.of("chromium", "chromium-browser").stream().map((name) -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

	void navigate(String url) {
		call("Page.enable", Map.of());
		call("Page.navigate", Map.of("url", url));
	}

	/**
	 * Evaluate a JavaScript expression in the page.
	 * @param expression the expression
	 * @return its value, as JSON
	 */
	JsonNode evaluate(String expression) {
		JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException("Script failed: " + result.path("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	/**
	 * Wait until a JavaScript expression is true.
	 * @param description what is waited for
	 * @param expression the expression
	 */
	void waitFor(String description, String expression) {
		Awaitility.await(description)
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> evaluate("Boolean(" + expression + ")").asBoolean());
	}

	/**
	 * Capture the whole page as a PNG.
	 * @param file where to write it
	 * @return the PNG's bytes
	 */
	byte[] screenshot(Path file) throws IOException {
		JsonNode result = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
		byte[] png = Base64.getDecoder().decode(result.path("data").asText());
		Files.createDirectories(file.getParent());
		Files.write(file, png);
		return png;
	}

	private JsonNode call(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		try {
			this.socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			JsonNode message = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (message.has("error")) {
				throw new IllegalStateException(method + " failed: " + message.path("error"));
			}
			return message.path("result");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		finally {
			this.pending.remove(id);
		}
	}

	@Override
	public void close() {
		try {
			// Leaving the page closes its event stream before the browser goes.
			call("Page.navigate", Map.of("url", "about:blank"));
		}
		catch (RuntimeException ex) {
			// The browser is going anyway.
		}
		try {
			this.socket.abort();
			this.process.descendants().forEach(ProcessHandle::destroy);
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				try {
					JsonNode message = JSON.readTree(this.text.toString());
					CompletableFuture<JsonNode> answer = HeadlessChromium.this.pending
						.get(message.path("id").asInt(-1));
					if (answer != null) {
						answer.complete(message);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				finally {
					this.text.setLength(0);
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
