// Lets the official openai client, with its default of 2 retries, meet gateway failures;
// run by OpenAiNodeClientTests. The gateway's router fails on purpose by the user's text.
// GATEWAY_BASE_URL and GATEWAY_API_KEY as for openai-client.mjs. Prints one JSON line
// with how each request ended and how long the client took.
import OpenAI from "openai";

const client = new OpenAI({
	baseURL: process.env.GATEWAY_BASE_URL,
	apiKey: process.env.GATEWAY_API_KEY,
	timeout: 20000,
});

async function ask(content) {
	const started = Date.now();
	try {
		const completion = await client.chat.completions.create({
			model: "auto",
			messages: [{ role: "user", content }],
		});
		return { content: completion.choices[0].message.content, millis: Date.now() - started };
	}
	catch (error) {
		return { status: error.status, code: error.code, millis: Date.now() - started };
	}
}

console.log(JSON.stringify({
	quotaExceeded: await ask("quota exceeded"),
	rateLimitedOnce: await ask("rate limited once"),
}));
