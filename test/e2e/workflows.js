'use strict';
// Small builders for the workflows the e2e tests, `npm start` and the benchmarks import.
const { randomUUID } = require('node:crypto');

let x = 0;
const position = () => [(x += 220), 0];

function node(name, type, parameters, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion: 1, position: position(), parameters, ...extra };
}

/** Webhook (POST <path>, answered by the last node) → the given nodes → Respond to Webhook. */
function webhookChain(name, path, nodes, respondWith = 'allIncomingItems') {
	const all = [
		node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} }, { typeVersion: 2.1, webhookId: randomUUID() }),
		...nodes,
		node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', { respondWith, options: {} }, { typeVersion: 1.5 }),
	];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections };
}

/** A single trigger node with a fixed webhookId, so its production URL is known up front. */
function triggerOnly(name, type, parameters, credentials) {
	const webhookId = randomUUID();
	return { workflow: { name, nodes: [node(name, type, parameters, { webhookId, credentials, typeVersion: 1.1 })], connections: {} }, webhookId };
}

/**
 * Webhook (POST <path>, body { message }) → AI Agent → Respond to Webhook, with an OpenAI Chat
 * Model (credential `openAiApi`) and the given tool nodes attached to the agent.
 */
function agentChain(name, path, { model, tools, systemMessage = 'You are a helpful assistant. Use the tools to act.' }) {
	const agent = node('AI Agent', '@n8n/n8n-nodes-langchain.agent', { promptType: 'define', text: '={{ $json.body.message }}', options: { systemMessage } }, { typeVersion: 3 });
	const chain = webhookChain(name, path, [agent]);
	const chatModel = node('OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} }, { typeVersion: 1.2, credentials: { openAiApi: model } });
	chain.nodes.push(chatModel, ...tools);
	chain.connections[chatModel.name] = { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]] };
	for (const tool of tools) chain.connections[tool.name] = { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] };
	return chain;
}

/** `$fromAI` as a tool parameter expression: the model fills in `key`. */
const fromAi = (key, description, type = 'string') => `={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, ${JSON.stringify(type)}) }}`;

module.exports = { node, webhookChain, triggerOnly, agentChain, fromAi };
