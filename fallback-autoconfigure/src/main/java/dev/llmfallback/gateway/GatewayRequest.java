package dev.llmfallback.gateway;

import dev.llmfallback.ChatRequest;

/**
 * A Chat Completions request, read and checked.
 *
 * @param chat the request for the router
 * @param model the requested model name, {@code auto} when none was sent
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 */
record GatewayRequest(ChatRequest chat, String model, boolean stream, boolean includeUsage) {

}
