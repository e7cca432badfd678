// Timely AI Trigger: read-modify-write of the agent's webhook list against the simulator.
import { randomUUID } from 'node:crypto';

import { deriveWebhookSecret, secretVerifier } from '../../../nodes/shared/webhookAuth';
import { TimelyAiTrigger } from '../../../nodes/TimelyAi/TimelyAiTrigger.node';
import { FULL_KEY } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTimelySimulator } = require('../../simulators/timely/server');

const HOOK = 'https://n8n.example.com/webhook/abc/webhook';
const FOREIGN = { url: 'https://crm.example.com/timely', events: ['message.received'], headers: { Authorization: 'Bearer crm' }, is_active: true };

describe('Timely AI Trigger', () => {
	const sim = createTimelySimulator();
	const trigger = new TimelyAiTrigger();
	const methods = trigger.webhookMethods.default;
	beforeAll(async () => sim.listen());
	beforeEach(() => sim.reset());
	afterAll(async () => sim.close());

	const IDS = { workflowId: 'wf-1', nodeId: 'node-1', webhookId: 'abc' };
	function hookContext(staticData: Record<string, unknown>, events = ['conversation.started', 'message.received'], apiKey = FULL_KEY) {
		const agentId = sim.data().agents[0].id;
		return {
			getNode: () => ({ id: IDS.nodeId, webhookId: IDS.webhookId, name: 'Timely AI Trigger', credentials: { timelyAiApi: { id: 't', name: 't' } } }),
			getWorkflow: () => ({ id: IDS.workflowId }),
			getNodeParameter: (name: string, fallback?: unknown) => ({ agentId, events, customEvents: '' } as Record<string, unknown>)[name] ?? fallback,
			getNodeWebhookUrl: () => HOOK,
			getWorkflowStaticData: () => staticData,
			getCredentials: async () => ({ apiKey, baseUrl: sim.url }),
			helpers: {
				async httpRequestWithAuthentication(_t: string, o: { method: string; baseURL: string; url: string; body?: unknown }) {
					const res = await fetch(`${o.baseURL}${o.url}`, { method: o.method, headers: { 'x-api-key': FULL_KEY, 'content-type': 'application/json' }, body: o.body ? JSON.stringify(o.body) : undefined });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		} as never;
	}

	it('adds exactly one entry with a generated secret header, keeps foreign entries, and removes only its own', async () => {
		const agent = sim.data().agents[0];
		agent.webhooks = [FOREIGN];
		const staticData: Record<string, unknown> = {};
		const ctx = hookContext(staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		await methods.create.call(ctx);
		expect(agent.webhooks).toHaveLength(2);
		expect(agent.webhooks[0]).toEqual(FOREIGN);
		// The secret is derived from the key and the webhook's identity; only its hash is stored.
		const secret = deriveWebhookSecret(FULL_KEY, IDS);
		expect(agent.webhooks[1]).toEqual({ url: HOOK, events: ['conversation.started', 'message.received'], headers: { 'X-Webhook-Secret': secret }, is_active: true });
		expect(staticData).toEqual({ secretVerifier: secretVerifier(secret) });
		expect(JSON.stringify(staticData)).not.toContain(secret);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		// Re-creating (e.g. after an event change) replaces our entry instead of adding one.
		await methods.create.call(hookContext(staticData, ['conversation.ended']));
		expect(agent.webhooks).toHaveLength(2);
		expect(agent.webhooks[1].events).toEqual(['conversation.ended']);
		await methods.delete.call(ctx);
		expect(agent.webhooks).toEqual([FOREIGN]);
		expect(staticData.secretVerifier).toBeUndefined();
	});

	it('treats an entry whose events differ, or whose secret was lost, as missing', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(staticData));
		expect(await methods.checkExists.call(hookContext(staticData, ['message.received']))).toBe(false);
		expect(await methods.checkExists.call(hookContext({}))).toBe(false);
	});

	function delivery(headers: Record<string, string>, body: unknown, staticData: Record<string, unknown>, ignoreDuplicates?: boolean) {
		const response = { statusCode: 0, status(code: number) { this.statusCode = code; return this; }, end() { return this; }, json() { return this; } };
		return {
			response,
			ctx: {
				getWorkflowStaticData: () => staticData,
				getNode: () => ({ name: 'Timely AI Trigger' }),
				getWorkflow: () => ({ id: randomUUID() }),
				getHeaderData: () => headers,
				getBodyData: () => body,
				getNodeParameter: (name: string, fallback?: unknown) => ({ events: ['message.received'], customEvents: 'conversation.transferred', ignoreDuplicates } as Record<string, unknown>)[name] ?? fallback,
				getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
				getResponseObject: () => response,
			} as never,
		};
	}
	const event = { event: 'message.received', agent_id: 'a', data: { conversation_id: 'c', content: 'Oi' } };

	it('emits deliveries that carry the secret and answers 401 to the rest', async () => {
		const secret = 's'.repeat(64);
		const stored = { secretVerifier: secretVerifier(secret) };
		const [[item]] = (await trigger.webhook.call(delivery({ 'x-webhook-secret': secret }, event, stored).ctx)).workflowData!;
		expect(item).toEqual({ json: { ...event, eventId: expect.stringMatching(/^body_[0-9a-f]{32}$/) } });
		for (const headers of [{}, { 'x-webhook-secret': 'nope' }] as Array<Record<string, string>>) {
			const { ctx, response } = delivery(headers, event, stored);
			expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
		}
		const unregistered = delivery({ 'x-webhook-secret': '' }, event, {});
		expect(await trigger.webhook.call(unregistered.ctx)).toEqual({ noWebhookResponse: true });
		expect(unregistered.response.statusCode).toBe(401);
	});

	it('accepts typed-in events and acknowledges unselected ones without a run', async () => {
		const secret = 'k'.repeat(64);
		const stored = { secretVerifier: secretVerifier(secret) };
		const typed = delivery({ 'x-webhook-secret': secret }, { event: 'conversation.transferred' }, stored);
		expect((await trigger.webhook.call(typed.ctx)).workflowData).toHaveLength(1);
		const other = delivery({ 'x-webhook-secret': secret }, { event: 'conversation.ended' }, stored);
		expect(await trigger.webhook.call(other.ctx)).toEqual({ noWebhookResponse: true });
		expect(other.response.statusCode).toBe(200);
	});

	it('runs an exact replay once: the repeat gets 200 and no run, unless Ignore Duplicate Deliveries is off', async () => {
		const secret = 'r'.repeat(64);
		const stored = { secretVerifier: secretVerifier(secret) };
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': secret }, event, stored).ctx)).workflowData).toHaveLength(1);
		const replay = delivery({ 'x-webhook-secret': secret }, event, stored);
		expect(await trigger.webhook.call(replay.ctx)).toEqual({ noWebhookResponse: true });
		expect(replay.response.statusCode).toBe(200);
		// A different event (another timestamp) still runs.
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': secret }, { ...event, timestamp: 'later' }, stored).ctx)).workflowData).toHaveLength(1);
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': secret }, event, stored, false).ctx)).workflowData).toHaveLength(1);
	});

	it('upgrades a plain secret stored by an older version: it still verifies and is replaced by its hash', async () => {
		const stored: Record<string, unknown> = { secret: 'o'.repeat(64) };
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': 'o'.repeat(64) }, event, stored).ctx)).workflowData).toHaveLength(1);
		expect(stored).toEqual({ secretVerifier: secretVerifier('o'.repeat(64)), deliveries: expect.any(String) });
		// Activation after the upgrade keeps the existing entry (its header matches), so Timely needs no change.
		const agent = sim.data().agents[0];
		agent.webhooks = [{ url: HOOK, events: ['conversation.started', 'message.received'], headers: { 'X-Webhook-Secret': 'o'.repeat(64) }, is_active: true }];
		const legacy: Record<string, unknown> = { secret: 'o'.repeat(64) };
		expect(await methods.checkExists.call(hookContext(legacy))).toBe(true);
		expect(legacy).toEqual({ secretVerifier: secretVerifier('o'.repeat(64)) });
	});

	it('keeps verifying after the API key is changed (the entry and its secret stay as they are)', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(staticData));
		const rotated = hookContext(staticData, undefined, FULL_KEY.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')));
		expect(await methods.checkExists.call(rotated)).toBe(true);
		const sent = sim.data().agents[0].webhooks[0].headers['X-Webhook-Secret'];
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': sent }, event, staticData).ctx)).workflowData).toHaveLength(1);
	});
});
