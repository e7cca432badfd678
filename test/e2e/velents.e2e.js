'use strict';
// Velents end to end: Dispatch from a workflow whose webhook link is a Velents Trigger's URL;
// the simulator plays the conversation and the trigger workflow receives the four events.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createVelentsSimulator, DEFAULT_AGENT_TOKENS, DEFAULT_SUPPORT_TOKENS } = require('../simulators/velents/server');
const { startN8n } = require('./n8n');
const { node, triggerOnly, webhookChain } = require('./workflows');

const WEBHOOK_SECRET = 'e2e-webhook-secret-7f3a9c0d5b1e4a2f';

describe('Velents in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let agentCredentials;
	let supportCredentials;

	before(async () => {
		sim = createVelentsSimulator();
		await sim.listen();
		n8n = await startN8n();
		const agentId = await n8n.createCredential('Velents agent', 'velentsAgentApi', { token: Object.keys(DEFAULT_AGENT_TOKENS)[0], baseUrl: sim.url, webhookSecret: WEBHOOK_SECRET });
		const supportId = await n8n.createCredential('Velents support', 'velentsSupportApi', { token: Object.keys(DEFAULT_SUPPORT_TOKENS)[0], baseUrl: sim.url });
		agentCredentials = { velentsAgentApi: { id: agentId, name: 'Velents agent' } };
		supportCredentials = { velentsSupportApi: { id: supportId, name: 'Velents support' } };
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	it('loads the nodes and tests both credentials (and rejects a bad agent token)', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['velents', 'velentsTool', 'velentsTrigger']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
		assert.equal((await n8n.testCredential(agentCredentials.velentsAgentApi.id)).status, 'OK');
		assert.equal((await n8n.testCredential(supportCredentials.velentsSupportApi.id)).status, 'OK');
		const badId = await n8n.createCredential('Velents bad', 'velentsAgentApi', { token: 'nope', baseUrl: sim.url });
		const bad = await n8n.testCredential(badId);
		assert.equal(bad.status, 'Error');
		assert.equal(bad.message, 'The agent token was rejected by Velents');
		// The credential test must not have started a conversation.
		assert.equal(sim.data().conversations.length, 0);
	});

	it('Dispatch → the Velents Trigger workflow receives onStarted, onMessage, onUpdate, onEnded in order', async () => {
		const { workflow: triggerWorkflow, webhookId } = triggerOnly('Velents Trigger', n8n.type('velentsTrigger'), { events: ['onStarted', 'onMessage', 'onUpdate', 'onEnded'] }, agentCredentials);
		const triggerId = await n8n.createWorkflow(triggerWorkflow);
		assert.equal((await n8n.activate(triggerId)).status, 'published');
		const hookUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;

		const dispatch = webhookChain('Velents dispatch', 'velents-e2e-dispatch', [
			node('Velents', n8n.type('velents'), {
				authentication: 'velentsAgentApi',
				resource: 'conversation',
				operation: 'dispatch',
				channel: 3,
				phone: '={{ $json.body.phone }}',
				valuesMode: 'json',
				valuesJson: '={{ JSON.stringify($json.body.values) }}',
				webhook: { link: hookUrl },
			}, { credentials: agentCredentials }),
		]);
		const dispatchId = await n8n.createWorkflow(dispatch);
		await n8n.activate(dispatchId);
		const res = await fetch(`${n8n.baseUrl}/webhook/velents-e2e-dispatch`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ phone: '+966 50 000 0001', values: { company_name: 'acme', order_id: '1212' } }),
		});
		const [started] = await res.json();
		assert.equal(started.status, 'queued');

		const runs = await n8n.waitFor('four trigger executions', async () => {
			const done = (await n8n.executions(triggerId)).filter((e) => e.status === 'success');
			return done.length === 4 ? done : undefined;
		}, 30_000);
		const events = runs
			.sort((a, b) => Number(a.id) - Number(b.id))
			.map((e) => e.data.resultData.runData['Velents Trigger'][0].data.main[0][0].json);
		assert.deepEqual(events.map((e) => e.eventType), ['onStarted', 'onMessage', 'onUpdate', 'onEnded']);
		assert.ok(events.every((e) => e.conversationId === started.conversation_id && e.phone === '+966500000001'));
		assert.deepEqual(events[0].values, { company_name: 'acme', order_id: '1212' });
		assert.deepEqual(events[3].extraction, { customer_name: 'shady' });
		assert.ok(sim.state.deliveries.every((d) => d.status === 200));
		// Every item also carries what Velents sent, unchanged (issue 26: nothing is dropped).
		for (const item of events) {
			const payload = sim.state.deliveries.map((d) => d.payload).find((p) => p.event.type === item.eventType);
			for (const key of ['event', 'agent', 'conversation', 'result']) if (key in payload) assert.deepEqual(item[key], payload[key]);
		}

		// A delivery without the secret (or with a wrong one) gets 401 and starts nothing.
		const forged = JSON.stringify({ event: { type: 'onEnded', about: 'conversation' }, conversation: { id: 1 } });
		for (const headers of [{}, { 'X-Webhook-Secret': 'guess' }]) {
			const r = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: forged });
			assert.equal(r.status, 401);
		}
		await new Promise((r) => setTimeout(r, 500));
		assert.equal((await n8n.executions(triggerId)).length, 4);
	});

	it('Dispatch Batch: 1,000 input items make exactly one request', async () => {
		const workflow = {
			name: 'Velents batch',
			nodes: [
				node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'velents-e2e-batch', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { typeVersion: 2.1, webhookId: require('node:crypto').randomUUID() }),
				node('Split', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.rows', options: {} }),
				node('Velents', n8n.type('velents'), {
					authentication: 'velentsAgentApi',
					resource: 'conversation',
					operation: 'dispatchBatch',
					batchName: 'e2e batch',
					channel: 3,
					phone: '={{ $json.phone }}',
					valuesMode: 'keyValue',
					values: { value: [{ key: 'customer_name', value: '={{ $json.name }}' }] },
				}, { credentials: agentCredentials }),
			],
			connections: {
				Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
				Split: { main: [[{ node: 'Velents', type: 'main', index: 0 }]] },
			},
		};
		const id = await n8n.createWorkflow(workflow);
		await n8n.activate(id);
		const rows = Array.from({ length: 1000 }, (_, i) => ({ phone: `+9665${String(i).padStart(8, '0')}`, name: `Customer ${i}` }));
		const before = sim.state.requests.length;
		const res = await fetch(`${n8n.baseUrl}/webhook/velents-e2e-batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
		const result = await res.json();
		const calls = sim.state.requests.slice(before).filter((r) => r.path === '/Integration/Agent/Batch');
		assert.equal(calls.length, 1);
		assert.equal(calls[0].body.rows.length, 1000);
		assert.equal(result.rowsSent, 1000);
		console.log(`# Dispatch Batch over 1,000 items: ${calls.length} request`);
	});

	it('Support Center: create a ticket, send a message, read the history', async () => {
		const workflow = webhookChain('Velents ticket', 'velents-e2e-ticket', [
			node('Create Ticket', n8n.type('velents'), { authentication: 'velentsSupportApi', resource: 'ticket', operation: 'create', subject: '={{ $json.body.subject }}', message: '={{ $json.body.message }}' }, { credentials: supportCredentials }),
			node('Send', n8n.type('velents'), { authentication: 'velentsSupportApi', resource: 'supportConversation', operation: 'send', conversationId: "={{ $('Create Ticket').item.json.conversation_id }}", message: 'Any news?' }, { credentials: supportCredentials }),
			node('History', n8n.type('velents'), { authentication: 'velentsSupportApi', resource: 'supportConversation', operation: 'history', conversationId: "={{ $('Create Ticket').item.json.conversation_id }}", returnAll: true }, { credentials: supportCredentials }),
		]);
		const id = await n8n.createWorkflow(workflow);
		await n8n.activate(id);
		const res = await fetch(`${n8n.baseUrl}/webhook/velents-e2e-ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'Damaged box', message: 'Crushed on arrival' }) });
		const history = await res.json();
		assert.deepEqual(history.map((m) => m.role), ['customer', 'customer', 'agent']);
		assert.equal(history[1].message, 'Any news?');
	});
});
