/**
 * State shared by several instances of an application on Redis: answers, spend, rate
 * limits and breaker hints, each falling back to this process while Redis is unreachable.
 */
package dev.llmfallback.redis;
