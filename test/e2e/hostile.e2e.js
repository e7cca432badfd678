'use strict';
// A hostile server at every credential's Base URL, in a real n8n (2.x, and 1.x through
// `npm run test:compat`): whatever redirect it answers, n8n's own credential tester and trigger
// activation and deactivation never send a secret to the other origin it points to.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createHostileServer, REDIRECT_STATUSES, SECRETS, WEBHOOK_SECRET, credentialsAt: credentialData } = require('../simulators/hostile/redirect');
const { startN8n } = require('./n8n');
const { triggerOnly } = require('./workflows');

const rl = (value) => ({ __rl: true, mode: 'id', value });
const AGENT_ID = '6b1f0c2e-8d4a-4f3b-9e2d-7a5c1b3d9e0f';


/** The triggers that call their provider when activated, with the credential they use. */
const TRIGGERS = [
	{ name: 'Convo Trigger', type: 'convoTrigger', credential: 'convoApi', parameters: { events: ['lead.created'], customEvents: '' } },
	{ name: 'raia Trigger', type: 'raiaTrigger', credential: 'raiaAgentApi', parameters: { triggerCondition: 'end_dialog' } },
	{ name: 'Timely AI Trigger', type: 'timelyAiTrigger', credential: 'timelyAiApi', parameters: { agentId: rl(AGENT_ID), events: ['message.received'], customEvents: '' } },
	{ name: 'VoxStack Trigger', type: 'voxStackTrigger', credential: 'voxStackApi', parameters: { events: ['call_completed'], attachTaskIds: ['task-1'] } },
];

describe('a hostile server at the Base URL, in a real n8n', { timeout: 900_000 }, () => {
	let n8n;
	let hostile;
	const credentials = {};

	before(async () => {
		hostile = createHostileServer();
		await hostile.listen();
		n8n = await startN8n();
		for (const [type, data] of Object.entries(credentialData(hostile.url))) {
			credentials[type] = { id: await n8n.createCredential(`hostile ${type}`, type, data), name: `hostile ${type}` };
		}
	});

	after(async () => {
		await n8n?.stop();
		await hostile?.close();
	});

	/** n8n 2.x keeps a workflow whose activation failed published: unpublish it, then delete it. */
	const remove = async (id) => {
		await n8n.api('POST', `/workflows/${id}/deactivate`, {}).catch(() => undefined);
		await n8n.api('DELETE', `/workflows/${id}`).catch(() => undefined);
	};

	const nothingElsewhere = (what) => {
		assert.deepEqual(hostile.leaked(...Object.values(SECRETS), WEBHOOK_SECRET), [], `${what}: a secret reached the other origin`);
		assert.deepEqual(hostile.elsewhere.requests, [], `${what}: the other origin was called`);
	};

	for (const status of REDIRECT_STATUSES) {
		it(`credential tests: a ${status} to another origin is not followed, for every credential type`, async () => {
			for (const type of Object.keys(SECRETS)) {
				hostile.reset();
				hostile.setMode({ kind: 'redirect', status, to: 'elsewhere' });
				const result = await n8n.testCredential(credentials[type].id);
				assert.ok(hostile.requests.length > 0, `${type}: the test request did not reach the Base URL`);
				nothingElsewhere(`${type} credential test`);
				// n8n 1.x cannot tell the Velents test's redirect from its accepted answers (it has no
				// "ignore errors except" option); nothing is followed there either.
				if (type !== 'velentsAgentApi' || n8n.publishes) assert.equal(result.status, 'Error', `${type}: ${JSON.stringify(result)}`);
			}
		});
	}

	it('trigger activation: every redirect status, over the four triggers that call their provider, fails the activation and is not followed', async () => {
		// Each activation takes a while in n8n: every status once, the triggers in turn (the unit
		// tests run every trigger against every status through n8n-core).
		for (const [index, status] of REDIRECT_STATUSES.entries()) {
			const trigger = TRIGGERS[index % TRIGGERS.length];
			hostile.reset();
			hostile.setMode({ kind: 'redirect', status, to: 'elsewhere' });
			const { workflow } = triggerOnly(`${trigger.name} ${status}`, n8n.type(trigger.type), trigger.parameters, { [trigger.credential]: credentials[trigger.credential] });
			const id = await n8n.createWorkflow(workflow);
			const activation = await n8n.activate(id);
			assert.ok(hostile.requests.length > 0, `${trigger.name}: activation did not call the Base URL`);
			nothingElsewhere(`${trigger.name} activation (${status})`);
			assert.notEqual(activation.status, 'published', `${trigger.name}: ${JSON.stringify(activation)}`);
			await remove(id);
		}
	});

	it('trigger deactivation: a redirect answered to the clean-up calls is not followed', async () => {
		// Activation against a friendly answer, then every request is redirected.
		const friendly = {
			timelyAiTrigger: { data: { webhooks: [] } },
			voxStackTrigger: { success: true, data: { id: 'task-1', status: 'pending', webhook_url: null, webhook_events: [] } },
		};
		for (const trigger of TRIGGERS.filter((t) => t.type in friendly)) {
			for (const status of trigger.type === 'timelyAiTrigger' ? [302, 307] : [301, 308]) {
				hostile.reset();
				hostile.setMode({ kind: 'redirect', status, only: '^$', otherwise: friendly[trigger.type] });
				const { workflow } = triggerOnly(`${trigger.name} off ${status}`, n8n.type(trigger.type), trigger.parameters, { [trigger.credential]: credentials[trigger.credential] });
				const id = await n8n.createWorkflow(workflow);
				assert.equal((await n8n.activate(id)).status, 'published', `${trigger.name} did not activate against the friendly answers`);
				hostile.reset();
				hostile.setMode({ kind: 'redirect', status, to: 'elsewhere' });
				await n8n.deactivate(id).catch(() => undefined);
				assert.ok(hostile.requests.length > 0, `${trigger.name}: deactivation did not call the Base URL`);
				nothingElsewhere(`${trigger.name} deactivation (${status})`);
				await remove(id);
			}
		}
	});
});
