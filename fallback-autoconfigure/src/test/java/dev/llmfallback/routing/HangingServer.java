package dev.llmfallback.routing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A provider that accepts every request and never answers, and notices when the client
 * gives up and closes the connection.
 */
class HangingServer implements AutoCloseable {

	final AtomicInteger requests = new AtomicInteger();

	final AtomicBoolean connectionClosed = new AtomicBoolean();

	private final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> {
			this.requests.incrementAndGet();
			request.withConnection((connection) -> connection.onDispose(() -> this.connectionClosed.set(true)));
			return request.receive().aggregate().then(Mono.never());
		})
		.bindNow();

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
