package dev.llmfallback.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The real Redis the tests share (on loopback, port {@code LLM_TEST_REDIS_PORT} or the
 * system property {@code llm.test.redis.port}, default 6390, started by {@code .ci/run}),
 * and Redis servers a test starts and stops itself. Tests that need Redis are skipped
 * when it is not reachable on a developer's machine, and fail when {@code CI=true}.
 */
final class TestRedis {

	private TestRedis() {
	}

	static int sharedPort() {
		String port = System.getProperty("llm.test.redis.port", System.getenv("LLM_TEST_REDIS_PORT"));
		return (port != null && !port.isBlank()) ? Integer.parseInt(port.trim()) : 6390;
	}

	/**
	 * The shared Redis's port, after checking that it answers.
	 */
	static int requireShared() {
		int port = sharedPort();
		if (!reachable(port)) {
			String message = "No Redis on 127.0.0.1:" + port + " (start one with: redis-server --port " + port
					+ " --bind 127.0.0.1 --save '' --appendonly no --daemonize yes, or set LLM_TEST_REDIS_PORT)";
			if ("true".equals(System.getenv("CI"))) {
				fail(message);
			}
			Assumptions.abort(message);
		}
		return port;
	}

	static boolean reachable(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A redis-server process of a test's own, stopped and started again by the test.
	 */
	static final class OwnServer implements AutoCloseable {

		private final int port;

		private final Path directory;

		private Process process;

		OwnServer() throws IOException {
			requireShared();
			this.port = freePort();
			this.directory = Files.createTempDirectory("llm-redis");
		}

		int port() {
			return this.port;
		}

		void start() throws IOException {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> reachable(this.port));
		}

		void stop() throws InterruptedException {
			if (this.process != null && this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !reachable(this.port));
		}

		/**
		 * Send one command on a connection of its own.
		 * @param arguments the command and its arguments
		 * @return the reply: a status such as {@code OK}, an error starting with
		 * {@code -}, an integer's digits, a string, or {@code null} for none
		 */
		String command(String... arguments) throws IOException {
			StringBuilder request = new StringBuilder("*" + arguments.length + "\r\n");
			for (String argument : arguments) {
				request.append('$').append(argument.length()).append("\r\n").append(argument).append("\r\n");
			}
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
				BufferedReader reply = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				String line = reply.readLine();
				return switch (line.charAt(0)) {
					case '+', ':' -> line.substring(1);
					case '$' -> line.equals("$-1") ? null : reply.readLine();
					default -> line;
				};
			}
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
