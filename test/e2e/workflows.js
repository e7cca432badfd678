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

module.exports = { node, webhookChain, triggerOnly };
