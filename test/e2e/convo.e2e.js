'use strict';
// Convo end to end: the packed package inside a real n8n, against the Convo simulator.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { after, before, describe, it } = require('node:test');

const { createConvoSimulator, DEFAULT_TOKENS } = require('../simulators/convo/server');
const { startN8n } = require('./n8n');
const { node, triggerOnly, webhookChain } = require('./workflows');

const TOKEN = Object.keys(DEFAULT_TOKENS)[0];

describe('Convo in a real n8n', { timeout: 600_000 }, () => {
	let n8n;
	let sim;
	let credentialId;
	let credentials;

	before(async () => {
		sim = createConvoSimulator({ leads: 0 });
		await sim.listen();
		n8n = await startN8n();
		credentialId = await n8n.createCredential('Convo sandbox', 'convoApi', { apiToken: TOKEN, baseUrl: `${sim.url}/api/v1` });
		credentials = { convoApi: { id: credentialId, name: 'Convo sandbox' } };
	});

	after(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	it('loads the action node, its tool variant, the trigger and the credential', async () => {
		const types = (await n8n.rest('GET', '/types/nodes.json')).map((t) => t.name);
		for (const name of ['convo', 'convoTool', 'convoTrigger']) assert.ok(types.includes(n8n.type(name)), `${name} missing`);
		const credentialTypes = (await n8n.rest('GET', '/types/credentials.json')).map((c) => c.name);
		assert.ok(credentialTypes.includes('convoApi'));
	});

	it('tests the credential: success against the sandbox, a clear message for a malformed token', async () => {
		assert.deepEqual(await n8n.testCredential(credentialId), { status: 'OK', message: 'Connection successful!' });
		const badId = await n8n.createCredential('Convo bad', 'convoApi', { apiToken: 'convo_nothex', baseUrl: `${sim.url}/api/v1` });
		const bad = await n8n.testCredential(badId);
		assert.equal(bad.status, 'Error');
		assert.match(bad.message, /"convo_" followed by 32 hex characters/);
	});

	it('Webhook → Convo (create lead) → Respond to Webhook', async () => {
		const workflow = webhookChain('Convo create lead', 'convo-e2e-lead', [
			node('Convo', n8n.type('convo'), {
				resource: 'lead',
				operation: 'create',
				fieldsMode: 'json',
				fieldsJson: '={{ JSON.stringify($json.body) }}',
				source: 'n8n-e2e',
			}, { credentials }),
		]);
		const id = await n8n.createWorkflow(workflow);
		assert.equal((await n8n.activate(id)).status, 'published');
		const res = await fetch(`${n8n.baseUrl}/webhook/convo-e2e-lead`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Anna Nowak', email: 'anna@example.com' }),
		});
		assert.equal(res.status, 200);
		const [lead] = await res.json();
		assert.equal(lead.status, 'NEW');
		assert.deepEqual(lead.fields, { name: 'Anna Nowak', email: 'anna@example.com' });
		assert.ok(sim.workspaces()['ws-a'].leads.some((l) => l.id === lead.id && l.source === 'n8n-e2e'));
	});

	it('Return All over 1,000 leads returns every lead and counts its requests', async () => {
		await fetch(`${sim.url}/_sim/seed`, { method: 'POST', body: JSON.stringify({ leads: 999 }) });
		const workflow = webhookChain('Convo all leads', 'convo-e2e-all-leads', [
			node('Convo', n8n.type('convo'), { resource: 'lead', operation: 'getAll', returnAll: true, filters: {} }, { credentials }),
		]);
		const id = await n8n.createWorkflow(workflow);
		await n8n.activate(id);
		const before = sim.state.requests.length;
		const res = await fetch(`${n8n.baseUrl}/webhook/convo-e2e-all-leads`, { method: 'POST' });
		const leads = await res.json();
		assert.equal(leads.length, 1000);
		assert.equal(new Set(leads.map((l) => l.id)).size, 1000);
		const pages = sim.state.requests.slice(before).filter((r) => r.path === '/api/v1/leads');
		// 10 full pages of 100, plus one empty page: the API gives no total to stop earlier.
		assert.equal(pages.length, 11);
		console.log(`# Return All over 1,000 leads: ${pages.length} requests`);
	});

	describe('Convo Trigger', () => {
		let workflowId;
		let hookUrl;
		const integrations = () => sim.workspaces()['ws-a'].integrations;
		const successfulRuns = async () => (await n8n.executions(workflowId)).filter((e) => e.status === 'success');

		async function deliver(body, headers) {
			const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
			return res.status;
		}
		const sign = (secret, unix, body) => crypto.createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex');

		before(async () => {
			const { workflow, webhookId } = triggerOnly('Convo Trigger', n8n.type('convoTrigger'), { events: ['lead.created', 'conversation.closed'], customEvents: '' }, credentials);
			workflowId = await n8n.createWorkflow(workflow);
			hookUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		});

		it('activation subscribes exactly once with the production URL and both events', async () => {
			const status = await n8n.activate(workflowId);
			assert.equal(status.status, 'published', JSON.stringify(status));
			assert.equal(integrations().length, 1);
			assert.equal(integrations()[0].url, hookUrl);
			assert.deepEqual(integrations()[0].events, ['conversation.closed', 'lead.created']);
		});

		it('a signed lead.created delivery starts an execution with the event', async () => {
			const res = await fetch(`${sim.url}/api/v1/leads`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify({ fields: { name: 'From trigger test' } }),
			});
			const lead = await res.json();
			assert.equal(sim.state.deliveries.at(-1).status, 200);
			const runs = await n8n.waitFor('the trigger execution', async () => {
				const done = await successfulRuns();
				return done.length === 1 ? done : undefined;
			}, 30_000);
			const item = runs[0].data.resultData.runData['Convo Trigger'][0].data.main[0][0].json;
			assert.equal(item.event, 'lead.created');
			assert.equal(item.data.id, lead.id);
		});

		it('accepts the split layout (bare hex + X-Convo-Timestamp)', async () => {
			const [result] = (await (await fetch(`${sim.url}/_sim/emit`, { method: 'POST', body: JSON.stringify({ event: 'conversation.closed', data: { id: 'c-1' }, layout: 'split' }) })).json()).results;
			assert.equal(result.status, 200);
			await n8n.waitFor('second execution', async () => (await successfulRuns()).length === 2, 30_000);
		});

		it('forged, stale and unsigned deliveries get 401 and start nothing', async () => {
			const secret = sim.workspaces()['ws-a'].integrations[0].signingSecret;
			const body = JSON.stringify({ id: 'x', event: 'lead.created', data: { id: 'forged' } });
			const now = Math.floor(Date.now() / 1000);
			const statuses = [
				await deliver(body, { 'X-Convo-Signature': `t=${now},v1=${sign('wh_wrong', now, body)}` }),
				await deliver(body, { 'X-Convo-Signature': `t=${now - 301},v1=${sign(secret, now - 301, body)}` }),
				await deliver(body, {}),
				await deliver(body.replace('forged', 'tampered'), { 'X-Convo-Signature': `t=${now},v1=${sign(secret, now, body)}` }),
			];
			assert.deepEqual(statuses, [401, 401, 401, 401]);
			// A correctly signed one right after still works, so the 401s were not an outage.
			assert.equal(await deliver(body, { 'X-Convo-Signature': `t=${now},v1=${sign(secret, now, body)}` }), 200);
			await n8n.waitFor('third execution', async () => (await successfulRuns()).length === 3, 30_000);
			await new Promise((r) => setTimeout(r, 500));
			const all = await n8n.executions(workflowId);
			assert.equal(all.length, 3, 'rejected deliveries must not start executions');
		});

		it('deactivating and re-activating reuses the subscription (no duplicates)', async () => {
			for (let cycle = 0; cycle < 3; cycle++) {
				await n8n.deactivate(workflowId);
				assert.equal((await n8n.activate(workflowId)).status, 'published');
			}
			assert.equal(integrations().length, 1);
			const [result] = (await (await fetch(`${sim.url}/_sim/emit`, { method: 'POST', body: JSON.stringify({ event: 'lead.created', data: { id: 'after-reactivation' } }) })).json()).results;
			assert.equal(result.status, 200);
			await n8n.waitFor('execution after re-activation', async () => (await successfulRuns()).length === 4, 30_000);
		});
	});
});
