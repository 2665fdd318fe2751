/**
 * The router as a Spring AI {@code ChatModel}, for applications that build on Spring AI's
 * {@code ChatClient}, advisors and tools.
 */
package dev.llmfallback.springai;
