'use strict';
// VoxStack end to end: task with the trigger's URL → execute → call_started and call_completed
// start executions; auto-attach on activation and restore on deactivation; recording download.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createVoxStackSimulator, DEFAULT_KEYS } = require('../simulators/voxstack/server');
const { startN8n } = require('./n8n');
const { node, triggerOnly, webhookChain } = require('./workflows');

const API_KEY = Object.keys(DEFAULT_KEYS)[0];
const rl = (value) => ({ __rl: true, mode: 'id', value });

describe('VoxStack in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let credentials;
	let triggerId;
	let hookUrl;
	const agentId = () => sim.data().agents[0].id;
	const successfulRuns = async () => (await n8n.executions(triggerId)).filter((e) => e.status === 'success');
	const eventsOf = (runs) =>
		runs.sort((a, b) => Number(a.id) - Number(b.id)).map((e) => e.data.resultData.runData['VoxStack Trigger'][0].data.main[0][0].json);

	before(async () => {
		sim = createVoxStackSimulator({ callDurationMs: 200 });
		await sim.listen();
		n8n = await startN8n();
		const id = await n8n.createCredential('VoxStack sandbox', 'voxStackApi', { apiKey: API_KEY, baseUrl: sim.url });
		credentials = { voxStackApi: { id, name: 'VoxStack sandbox' } };
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	async function runWebhook(path, nodes, body = {}, respondWith) {
		const id = await n8n.createWorkflow(webhookChain(`VoxStack ${path}`, path, nodes, respondWith));
		await n8n.activate(id);
		return await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	}

	it('loads the nodes and tests the credential', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['voxStack', 'voxStackTool', 'voxStackTrigger']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
		assert.equal((await n8n.testCredential(credentials.voxStackApi.id)).status, 'OK');
		const badId = await n8n.createCredential('VoxStack bad', 'voxStackApi', { apiKey: 'sk_wrong', baseUrl: sim.url });
		const bad = await n8n.testCredential(badId);
		assert.equal(bad.status, 'Error');
		assert.match(bad.message, /must start with "va_"/);
	});

	it('Task → Create with the trigger URL, Execute: the trigger receives call_started then call_completed', async () => {
		const pendingTask = (await (await fetch(`${sim.url}/api/v1/tasks`, {
			method: 'POST',
			headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ agent_id: agentId(), name: 'attach me', to_number: '+15550002222', webhook_url: 'https://crm.example.com/old', webhook_events: ['call_failed'] }),
		})).json()).data;
		const { workflow, webhookId } = triggerOnly('VoxStack Trigger', n8n.type('voxStackTrigger'), { events: ['call_started', 'call_completed', 'call_failed'], attachTaskIds: [pendingTask.id] }, credentials);
		triggerId = await n8n.createWorkflow(workflow);
		assert.equal((await n8n.activate(triggerId)).status, 'published');
		hookUrl = `${n8n.baseUrl}/webhook/${webhookId}/voxstack`;
		// Activation attached the trigger (with its token) to the chosen pending task.
		assert.match(sim.data().tasks.find((t) => t.id === pendingTask.id).webhook_url, new RegExp(`^${hookUrl}\\?token=[0-9a-f]{64}$`));

		const res = await runWebhook('vox-create-execute', [
			node('Create Task', n8n.type('voxStack'), {
				resource: 'task', operation: 'create', agentId: rl(agentId()), name: 'Follow up', toNumber: '={{ $json.body.phone }}',
				additionalFields: { webhook_url: hookUrl, webhook_events: ['call_started', 'call_completed'], context_data: '{"order_id":"12345"}' },
			}, { credentials }),
			node('Execute', n8n.type('voxStack'), { resource: 'task', operation: 'execute', taskId: rl("={{ $json.id }}") }, { credentials }),
		], { phone: '+1 415 555 0123' });
		const [started] = await res.json();
		assert.equal(started.message, 'Call initiated');
		const runs = await n8n.waitFor('two trigger executions', async () => {
			const done = await successfulRuns();
			return done.length === 2 ? done : undefined;
		}, 30_000);
		const events = eventsOf(runs);
		assert.deepEqual(events.map((e) => e.event_type), ['call_started', 'call_completed']);
		assert.ok(events.every((e) => e.call_id === started.call_id));
		assert.equal(events[1].status, 'completed');
	});

	it('a delivery without the token, or with a wrong one, gets 401 and starts nothing', async () => {
		const body = JSON.stringify({ event_type: 'call_completed', task_id: 't', call_id: 'c', status: 'completed', data: {} });
		for (const url of [hookUrl, `${hookUrl}?token=${'0'.repeat(64)}`]) {
			const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			assert.equal(res.status, 401);
		}
		await new Promise((r) => setTimeout(r, 500));
		assert.equal((await n8n.executions(triggerId)).length, 2);
	});

	it('Download Recording answers with the WAV bytes, MIME type and size', async () => {
		const calls = sim.data().calls.filter((c) => c.status === 'completed');
		const res = await runWebhook('vox-recording', [
			node('Download', n8n.type('voxStack'), { resource: 'call', operation: 'downloadRecording', callId: rl(calls[0].id), binaryPropertyName: 'data' }, { credentials }),
		], {}, 'binary');
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'audio/wav');
		const bytes = Buffer.from(await res.arrayBuffer());
		assert.equal(bytes.length, sim.recording.length);
		assert.ok(bytes.equals(sim.recording));
	});

	it('Return All over 1,000 calls: all returned, requests counted', async () => {
		await fetch(`${sim.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ calls: 999 }) });
		const total = sim.data().calls.length;
		const before = sim.state.requests.length;
		const res = await runWebhook('vox-all-calls', [node('Calls', n8n.type('voxStack'), { resource: 'call', operation: 'getAll', returnAll: true }, { credentials })]);
		const calls = await res.json();
		assert.equal(calls.length, total);
		const pages = sim.state.requests.slice(before).filter((r) => r.path === '/api/v1/calls').length;
		assert.equal(pages, Math.floor(total / 100) + 1);
		console.log(`# Return All over ${total} calls: ${pages} requests`);
	});

	it('deactivation restores the webhook of an attached task that is still pending', async () => {
		const task = sim.data().tasks.find((t) => t.name === 'attach me');
		assert.equal(task.status, 'pending');
		await n8n.deactivate(triggerId);
		await n8n.waitFor('webhook restored', () => task.webhook_url === 'https://crm.example.com/old', 10_000);
		assert.deepEqual(task.webhook_events, ['call_failed']);
	});
});
