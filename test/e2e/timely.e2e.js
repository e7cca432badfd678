'use strict';
// Timely AI end to end: the trigger's read-modify-write of the agent webhook list, events from
// "Converse with agent" starting executions, 401 for forged deliveries, and Return All paging.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createTimelySimulator, DEFAULT_KEYS } = require('../simulators/timely/server');
const { startN8n } = require('./n8n');
const { node, triggerOnly, webhookChain } = require('./workflows');

const KEY = Object.keys(DEFAULT_KEYS)[0];
const FOREIGN = { url: 'https://crm.example.com/timely', events: ['message.received'], headers: { Authorization: 'Bearer crm' }, is_active: true };
const rl = (value) => ({ __rl: true, mode: 'id', value });

describe('Timely AI in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let credentials;
	let triggerId;
	let hookUrl;
	const agent = () => sim.data().agents[0];
	const runs = async () => (await n8n.executions(triggerId)).filter((e) => e.status === 'success');

	before(async () => {
		sim = createTimelySimulator();
		await sim.listen();
		agent().webhooks = [FOREIGN];
		n8n = await startN8n();
		const id = await n8n.createCredential('Timely sandbox', 'timelyAiApi', { apiKey: KEY, baseUrl: sim.url });
		credentials = { timelyAiApi: { id, name: 'Timely sandbox' } };
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	it('loads the nodes and tests the credential', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['timelyAi', 'timelyAiTool', 'timelyAiTrigger']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
		assert.equal((await n8n.testCredential(credentials.timelyAiApi.id)).status, 'OK');
		const badId = await n8n.createCredential('Timely bad', 'timelyAiApi', { apiKey: 'wrong', baseUrl: sim.url });
		assert.equal((await n8n.testCredential(badId)).status, 'Error');
	});

	it('activation adds exactly one webhook entry and keeps the foreign one', async () => {
		const { workflow, webhookId } = triggerOnly('Timely AI Trigger', n8n.type('timelyAiTrigger'), { agentId: rl(agent().id), events: ['conversation.started', 'message.received'], customEvents: '' }, credentials);
		triggerId = await n8n.createWorkflow(workflow);
		assert.equal((await n8n.activate(triggerId)).status, 'published');
		hookUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		assert.equal(agent().webhooks.length, 2);
		assert.deepEqual(agent().webhooks[0], FOREIGN);
		assert.equal(agent().webhooks[1].url, hookUrl);
		assert.match(agent().webhooks[1].headers['X-Webhook-Secret'], /^[0-9a-f]{64}$/);
	});

	it('a conversation started through Converse delivers events that start executions', async () => {
		const id = await n8n.createWorkflow(webhookChain('Timely converse', 'timely-converse', [
			node('Converse', n8n.type('timelyAi'), { resource: 'agent', operation: 'converse', agentId: rl(agent().id), message: '={{ $json.body.message }}' }, { credentials }),
		]));
		await n8n.activate(id);
		const reply = await (await fetch(`${n8n.baseUrl}/webhook/timely-converse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Preciso de ajuda' }) })).json();
		assert.match(reply[0].response, /Preciso de ajuda/);
		const done = await n8n.waitFor('two executions', async () => ((await runs()).length === 2 ? runs() : undefined), 30_000);
		const events = done.sort((a, b) => Number(a.id) - Number(b.id)).map((e) => e.data.resultData.runData['Timely AI Trigger'][0].data.main[0][0].json);
		assert.deepEqual(events.map((e) => e.event), ['conversation.started', 'message.received']);
		assert.ok(events.every((e) => e.data.conversation_id === reply[0].conversation_id));
		// The foreign entry received its own copy of message.received, with its own headers.
		const foreign = sim.state.deliveries.filter((d) => d.url === FOREIGN.url);
		assert.equal(foreign.length, 1);
		assert.equal(foreign[0].headers.Authorization, 'Bearer crm');
	});

	it('a delivery without the secret gets 401 and starts nothing', async () => {
		for (const headers of [{}, { 'X-Webhook-Secret': 'guess' }]) {
			const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ event: 'message.received' }) });
			assert.equal(res.status, 401);
		}
		await new Promise((r) => setTimeout(r, 500));
		assert.equal((await n8n.executions(triggerId)).length, 2);
	});

	it('Return All over 1,000 contacts makes 10 requests', async () => {
		await fetch(`${sim.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ contacts: 1000 }) });
		const id = await n8n.createWorkflow(webhookChain('Timely contacts', 'timely-contacts', [node('Contacts', n8n.type('timelyAi'), { resource: 'contact', operation: 'getAll', returnAll: true }, { credentials })]));
		await n8n.activate(id);
		const before = sim.state.requests.length;
		const contacts = await (await fetch(`${n8n.baseUrl}/webhook/timely-contacts`, { method: 'POST' })).json();
		assert.equal(contacts.length, 1000);
		const pages = sim.state.requests.slice(before).filter((r) => r.path === '/v1/contacts').length;
		assert.equal(pages, 10);
		console.log(`# Return All over 1,000 contacts: ${pages} requests`);
	});

	it('deactivation removes only its own entry', async () => {
		await n8n.deactivate(triggerId);
		await n8n.waitFor('our entry removed', () => agent().webhooks.length === 1, 10_000);
		assert.deepEqual(agent().webhooks, [FOREIGN]);
	});
});
