// Talks to the gateway with the official openai client; run by OpenAiNodeClientTests.
// GATEWAY_BASE_URL is the gateway's base URL (such as http://127.0.0.1:8080/v1) and
// GATEWAY_API_KEY the key it accepts. Prints one JSON line with what the client received.
import OpenAI from "openai";

const client = new OpenAI({
	baseURL: process.env.GATEWAY_BASE_URL,
	apiKey: process.env.GATEWAY_API_KEY,
	maxRetries: 0,
	timeout: 20000,
});

const completion = await client.chat.completions.create({
	model: "auto",
	messages: [
		{ role: "system", content: "Be brief." },
		{ role: "user", content: "Say hello." },
	],
});

const stream = await client.chat.completions.create({
	model: "openai",
	messages: [{ role: "user", content: "Count to three." }],
	stream: true,
	stream_options: { include_usage: true },
});
let text = "";
let chunks = 0;
let finishReason = null;
let usage = null;
for await (const chunk of stream) {
	chunks++;
	const choice = chunk.choices[0];
	if (choice) {
		text += choice.delta?.content ?? "";
		finishReason = choice.finish_reason ?? finishReason;
	}
	if (chunk.usage) {
		usage = chunk.usage;
	}
}

let unauthorized = null;
try {
	await new OpenAI({ baseURL: process.env.GATEWAY_BASE_URL, apiKey: "wrong-key", maxRetries: 0 }).models.list();
}
catch (error) {
	unauthorized = { status: error.status, code: error.code, type: error.type };
}

const models = await client.models.list();

console.log(JSON.stringify({
	completion: {
		id: completion.id,
		model: completion.model,
		content: completion.choices[0].message.content,
		finishReason: completion.choices[0].finish_reason,
		usage: completion.usage,
	},
	stream: { text, chunks, finishReason, usage },
	models: models.data.map((model) => model.id),
	unauthorized,
}));
