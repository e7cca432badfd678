'use strict';
// VoxStack live transcripts in a real n8n. On 2.x (Node 24): Watch Live Transcript returns the
// scripted turns in order with the final status; the Live Transcript Trigger, activated through
// n8n's API, starts one execution per update of two concurrent calls, filters by keyword, rides
// out a dropped socket without repeats or gaps, and leaves no socket open after deactivation.
// On 1.x (Node 20) both say that live transcripts need n8n 2.x.
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const { after, before, describe, it } = require('node:test');

const { createVoxStackSimulator, DEFAULT_KEYS } = require('../simulators/voxstack/server');
const { startN8n } = require('./n8n');
const { node, webhookChain } = require('./workflows');

const API_KEY = Object.keys(DEFAULT_KEYS)[0];
const rl = (value) => ({ __rl: true, mode: 'id', value });
const NEEDS_2X = /Live transcripts need n8n 2\.x \(Node\.js 22 or newer\)/;

describe('VoxStack live transcripts in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let credentials;
	let modern;
	const liveCall = (body) => sim.live.startScriptedCall(body);
	const triggerWorkflow = (name, parameters) => ({
		name,
		nodes: [node('Live', n8n.type('voxStackLiveTranscriptTrigger'), { options: { pollInterval: 1 }, ...parameters }, { credentials })],
		connections: {},
	});
	const triggerItems = async (id) =>
		(await n8n.executions(id))
			.sort((a, b) => Number(a.id) - Number(b.id))
			.map((e) => ({ status: e.status, ...e.data.resultData.runData.Live[0].data.main[0][0].json }));

	before(async () => {
		sim = createVoxStackSimulator();
		await sim.listen();
		n8n = await startN8n({ version: process.env.N8N_VERSION });
		modern = Number(n8n.version.split('.')[0]) >= 2;
		const id = await n8n.createCredential('VoxStack live sandbox', 'voxStackApi', { apiKey: API_KEY, baseUrl: sim.url });
		credentials = { voxStackApi: { id, name: 'VoxStack live sandbox' } };
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	/** A webhook workflow around Watch Live Transcript, active before any call starts. */
	async function watchWorkflow(parameters = {}) {
		const path = `vox-live-${randomUUID().slice(0, 8)}`;
		const id = await n8n.createWorkflow(webhookChain(`VoxStack ${path}`, path, [
			node('Watch', n8n.type('voxStack'), { resource: 'call', operation: 'watchLive', callId: rl('={{ $json.body.callId }}'), maxWait: 30, ...parameters }, { credentials }),
		]));
		await n8n.activate(id);
		const watch = async (callId) => await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callId }) });
		return { id, watch };
	}

	it('on n8n 1.x (Node 20): the action and the trigger say live transcripts need n8n 2.x', async (t) => {
		if (modern) return t.skip(`n8n ${n8n.version} runs Node 22+`);
		const { id, watch } = await watchWorkflow();
		await watch(liveCall({ intervalMs: 50, endStatus: 'hold' }).call_id);
		const [execution] = await n8n.waitFor('the failed execution', async () => {
			const list = await n8n.executions(id);
			return list.length ? list : undefined;
		}, 30_000);
		assert.equal(execution.status, 'error');
		assert.match(execution.data.resultData.error.message, NEEDS_2X);
		assert.equal(sim.live.state().connections, 0);

		const triggerId = await n8n.createWorkflow(triggerWorkflow('Live on 1.x', {}));
		const activation = await n8n.activate(triggerId);
		assert.equal(activation.status, 'failed');
		assert.match(activation.error, NEEDS_2X);
		assert.equal(sim.live.state().connections, 0);
	});

	it('Watch Live Transcript returns the scripted turns in order and the final status', async (t) => {
		if (!modern) return t.skip(`n8n ${n8n.version} runs Node 20`);
		const turns = [
			{ role: 'agent', message: 'Hello, this is Acme calling about your order.' },
			{ role: 'user', message: 'Hi, which order?' },
			{ role: 'agent', message: 'Order 12345, it ships tomorrow.' },
			{ role: 'user', message: 'Great, thank you.' },
		];
		const { watch } = await watchWorkflow();
		const res = await watch(liveCall({ turns, intervalMs: 150 }).call_id);
		assert.equal(res.status, 200);
		const [result] = await res.json();
		assert.equal(result.source, 'live', 'followed while the call was going on');
		assert.equal(result.status, 'completed');
		assert.equal(result.ended, true);
		assert.deepEqual(result.turns.map((turn) => [turn.index, turn.role, turn.message]), turns.map((turn, i) => [i, turn.role, turn.message]));
	});

	it('the trigger: one execution per update of two concurrent calls, keyword filter, a dropped socket, nothing open after deactivation', async (t) => {
		if (!modern) return t.skip(`n8n ${n8n.version} runs Node 20`);
		const everyId = await n8n.createWorkflow(triggerWorkflow('Live every update', {}));
		const cancelId = await n8n.createWorkflow(triggerWorkflow('Live cancel requests', { match: 'keywords', keywords: 'cancel, terminate', callerOnly: true }));
		assert.equal((await n8n.activate(everyId)).status, 'published');
		assert.equal((await n8n.activate(cancelId)).status, 'published');

		const updatesBefore = sim.live.state().updatesProduced;
		const script = (name) => [
			{ role: 'agent', message: `Hello ${name}, this is Acme.` },
			{ role: 'user', message: 'Hi.' },
			{ role: 'agent', message: 'You can cancel or change your plan any time.' },
			{ role: 'user', message: name === 'Ana' ? 'Then I want to cancel my contract.' : 'I would like to upgrade.' },
			{ role: 'agent', message: 'Noted.' },
			{ role: 'user', message: 'Bye.' },
		];
		// Ana's sockets are cut right after her third turn; both calls talk at the same time.
		const ana = liveCall({ name: 'Ana', turns: script('Ana'), intervalMs: 400, startDelayMs: 3000, dropAfterTurn: 3 });
		const ben = liveCall({ name: 'Ben', turns: script('Ben'), intervalMs: 400, startDelayMs: 3000 });
		const expected = ana.turns + ben.turns;

		const runs = await n8n.waitFor(`${expected} executions`, async () => {
			const list = await triggerItems(everyId);
			return list.length >= expected && sim.data().calls.filter((c) => [ana.call_id, ben.call_id].includes(c.id)).every((c) => c.status === 'completed') ? list : undefined;
		}, 60_000, 500);
		// Let a further poll pass: a late duplicate would show up now.
		await new Promise((r) => setTimeout(r, 2500));
		const all = await triggerItems(everyId);
		const updatesSent = sim.live.state().updatesProduced - updatesBefore;
		console.log(`# live trigger: ${updatesSent} transcript updates sent by the simulator, ${all.length} executions started; ${sim.live.state().drops} socket(s) dropped, ${sim.live.state().connections} connections`);
		assert.equal(runs.length, expected);
		assert.equal(all.length, updatesSent);
		assert.ok(all.every((run) => run.status === 'success'));
		for (const { call_id: callId, name } of [{ ...ana, name: 'Ana' }, { ...ben, name: 'Ben' }]) {
			const said = all.filter((run) => run.call_id === callId);
			assert.deepEqual(said.map((run) => run.index).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5], `${name}: each turn exactly once`);
			assert.deepEqual(said.sort((a, b) => a.index - b.index).map((run) => run.message), script(name).map((turn) => turn.message));
		}
		assert.equal(sim.live.state().drops, 2, 'both triggers lost their socket to Ana’s call');

		const cancels = await triggerItems(cancelId);
		assert.deepEqual(cancels.map((run) => [run.call_id, run.role, run.message]), [[ana.call_id, 'user', 'Then I want to cancel my contract.']]);

		// A third call, still talking when the workflows are deactivated.
		liveCall({ name: 'Cy', turns: script('Cy'), intervalMs: 400, endStatus: 'hold' });
		await n8n.waitFor('sockets to the third call', () => sim.live.state().openSockets === 2, 20_000);
		await n8n.deactivate(everyId);
		await n8n.deactivate(cancelId);
		await n8n.waitFor('every socket closed', () => sim.live.state().openSockets === 0, 10_000);
		const listsAfter = sim.state.requests.filter((r) => r.path === '/api/v1/calls').length;
		await new Promise((r) => setTimeout(r, 2500));
		console.log(`# after deactivation: ${sim.live.state().openSockets} socket(s) open`);
		assert.equal(sim.live.state().openSockets, 0);
		assert.equal(sim.state.requests.filter((r) => r.path === '/api/v1/calls').length, listsAfter, 'no polling after deactivation');
		// The WebSocket URLs carry the key: it must not reach n8n's log.
		assert.ok(!fs.readFileSync(n8n.logFile, 'utf8').includes(API_KEY), 'API key in the n8n log');
	});
});
