'use strict';
// raia end to end: the trigger creates one webhook, a message sent through the node produces an
// each_message call that starts an execution, re-activation creates no second webhook, a delete
// answered without content still feeds the next node, and an async prompt is waited for.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createRaiaSimulator, DEFAULT_AGENT_KEYS, DEFAULT_ORG_KEYS } = require('../simulators/raia/server');
const { startN8n } = require('./n8n');
const { node, triggerOnly, webhookChain } = require('./workflows');

const rl = (value) => ({ __rl: true, mode: 'id', value });

describe('raia in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let agentCredentials;
	let triggerId;

	before(async () => {
		sim = createRaiaSimulator({ asyncDelayMs: 1500 });
		await sim.listen();
		n8n = await startN8n();
		const agentId = await n8n.createCredential('raia agent', 'raiaAgentApi', { secretKey: Object.keys(DEFAULT_AGENT_KEYS)[0], region: 'custom', baseUrl: sim.url });
		const orgId = await n8n.createCredential('raia organization', 'raiaOrganizationApi', { secretKey: Object.keys(DEFAULT_ORG_KEYS)[0], region: 'custom', baseUrl: sim.url });
		agentCredentials = { raiaAgentApi: { id: agentId, name: 'raia agent' } };
		assert.equal((await n8n.testCredential(orgId)).status, 'OK');
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	it('loads the nodes and tests the agent credential', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['raia', 'raiaTool', 'raiaTrigger']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
		assert.equal((await n8n.testCredential(agentCredentials.raiaAgentApi.id)).status, 'OK');
	});

	it('activation creates exactly one webhook with the secret header', async () => {
		const { workflow } = triggerOnly('raia Trigger', n8n.type('raiaTrigger'), { triggerCondition: 'each_message' }, agentCredentials);
		triggerId = await n8n.createWorkflow(workflow);
		assert.equal((await n8n.activate(triggerId)).status, 'published');
		const hooks = sim.agent().webhooks;
		assert.equal(hooks.length, 1);
		assert.equal(hooks[0].triggerCondition, 'each_message');
		assert.match(hooks[0].headers['X-Webhook-Secret'], /^[0-9a-f]{64}$/);
	});

	it('a message sent through the node produces an each_message call that starts an execution', async () => {
		const id = await n8n.createWorkflow(webhookChain('raia chat', 'raia-chat', [
			node('User', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'user', operation: 'create', firstName: 'Ana', lastName: 'Lima', additionalFields: { email: '={{ $json.body.email }}' } }, { credentials: agentCredentials }),
			node('Conversation', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'conversation', operation: 'create', conversationUserId: '={{ $json.id }}' }, { credentials: agentCredentials }),
			node('Send', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'message', operation: 'send', conversationId: rl('={{ $json.id }}'), message: '={{ $("Webhook").item.json.body.message }}' }, { credentials: agentCredentials }),
		]));
		await n8n.activate(id);
		const [answer] = await (await fetch(`${n8n.baseUrl}/webhook/raia-chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@example.com', message: 'Where is my order?' }) })).json();
		assert.equal(answer.senderRole, 'assistant');
		const runs = await n8n.waitFor('the each_message execution', async () => {
			const done = (await n8n.executions(triggerId)).filter((e) => e.status === 'success');
			return done.length === 1 ? done : undefined;
		}, 30_000);
		const item = runs[0].data.resultData.runData['raia Trigger'][0].data.main[0][0].json;
		assert.equal(item.triggerCondition, 'each_message');
		assert.equal(item.conversationId, answer.conversationId);
		assert.equal(item.message.text, 'Where is my order?');
	});

	it('a call without the secret gets 401, and re-activation creates no second webhook', async () => {
		const url = sim.agent().webhooks[0].url;
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"conversationId":"x"}' });
		assert.equal(res.status, 401);
		for (let i = 0; i < 3; i++) {
			await n8n.deactivate(triggerId);
			assert.equal((await n8n.activate(triggerId)).status, 'published');
		}
		assert.equal(sim.agent().webhooks.length, 1);
		await new Promise((r) => setTimeout(r, 300));
		assert.equal((await n8n.executions(triggerId)).length, 1);
	});

	it('a delete raia answers without content still outputs an item, so the next node runs', async () => {
		const id = await n8n.createWorkflow(webhookChain('raia delete', 'raia-delete', [
			node('User', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'user', operation: 'create', firstName: 'Del', lastName: 'Ete', additionalFields: { email: 'del@example.com' } }, { credentials: agentCredentials }),
			node('Delete', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'user', operation: 'delete', userId: rl('={{ $json.id }}') }, { credentials: agentCredentials }),
		]));
		await n8n.activate(id);
		const res = await fetch(`${n8n.baseUrl}/webhook/raia-delete`, { method: 'POST' });
		const deleted = sim.state.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/external/users/'));
		assert.equal(deleted.length, 1);
		assert.deepEqual(await res.json(), [{ deleted: true, id: deleted[0].path.split('/').pop() }]);
	});

	it('an async prompt with wait returns the answer, with its polls and wait time', async () => {
		const id = await n8n.createWorkflow(webhookChain('raia prompt', 'raia-prompt', [
			node('Prompt', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'prompt', operation: 'sendAsync', prompt: 'Summarise our refund policy', waitForResponse: true, pollInterval: 1, maxWait: 30 }, { credentials: agentCredentials }),
		]));
		await n8n.activate(id);
		const before = sim.state.requests.length;
		const started = Date.now();
		const [result] = await (await fetch(`${n8n.baseUrl}/webhook/raia-prompt`, { method: 'POST' })).json();
		const requests = sim.state.requests.slice(before).filter((r) => r.path.startsWith('/external/prompts'));
		assert.equal(result.status, 'completed');
		assert.match(result.response, /refund policy/);
		assert.equal(requests.length, 1 + result.polls);
		console.log(`# async prompt with wait: ${requests.length} requests (1 create + ${result.polls} polls), waited ${result.waitedSeconds} s, ${Date.now() - started} ms end to end`);
	});
});
