// Timely AI Trigger: read-modify-write of the agent's webhook list against the simulator.
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

	function hookContext(staticData: Record<string, unknown>, events = ['conversation.started', 'message.received']) {
		const agentId = sim.data().agents[0].id;
		return {
			getNode: () => ({ name: 'Timely AI Trigger', credentials: { timelyAiApi: { id: 't', name: 't' } } }),
			getNodeParameter: (name: string, fallback?: unknown) => ({ agentId, events, customEvents: '' } as Record<string, unknown>)[name] ?? fallback,
			getNodeWebhookUrl: () => HOOK,
			getWorkflowStaticData: () => staticData,
			getCredentials: async () => ({ apiKey: FULL_KEY, baseUrl: sim.url }),
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
		expect(agent.webhooks[1]).toEqual({ url: HOOK, events: ['conversation.started', 'message.received'], headers: { 'X-Webhook-Secret': staticData.secret }, is_active: true });
		expect(String(staticData.secret)).toMatch(/^[0-9a-f]{64}$/);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		// Re-creating (e.g. after an event change) replaces our entry instead of adding one.
		await methods.create.call(hookContext(staticData, ['conversation.ended']));
		expect(agent.webhooks).toHaveLength(2);
		expect(agent.webhooks[1].events).toEqual(['conversation.ended']);
		await methods.delete.call(ctx);
		expect(agent.webhooks).toEqual([FOREIGN]);
		expect(staticData.secret).toBeUndefined();
	});

	it('treats an entry whose events differ, or whose secret was lost, as missing', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(staticData));
		expect(await methods.checkExists.call(hookContext(staticData, ['message.received']))).toBe(false);
		expect(await methods.checkExists.call(hookContext({}))).toBe(false);
	});

	function delivery(headers: Record<string, string>, body: unknown, staticData: Record<string, unknown>) {
		const response = { statusCode: 0, status(code: number) { this.statusCode = code; return this; }, json() { return this; } };
		return {
			response,
			ctx: {
				getWorkflowStaticData: () => staticData,
				getHeaderData: () => headers,
				getBodyData: () => body,
				getNodeParameter: (name: string, fallback?: unknown) => ({ events: ['message.received'], customEvents: 'conversation.transferred' } as Record<string, unknown>)[name] ?? fallback,
				getResponseObject: () => response,
			} as never,
		};
	}
	const event = { event: 'message.received', agent_id: 'a', data: { conversation_id: 'c', content: 'Oi' } };

	it('emits deliveries that carry the secret and answers 401 to the rest', async () => {
		const stored = { secret: 's'.repeat(64) };
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': stored.secret }, event, stored).ctx)).workflowData).toEqual([[{ json: event }]]);
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
		const stored = { secret: 'k'.repeat(64) };
		const typed = delivery({ 'x-webhook-secret': stored.secret }, { event: 'conversation.transferred' }, stored);
		expect((await trigger.webhook.call(typed.ctx)).workflowData).toHaveLength(1);
		const other = delivery({ 'x-webhook-secret': stored.secret }, { event: 'conversation.ended' }, stored);
		expect(await trigger.webhook.call(other.ctx)).toEqual({ noWebhookResponse: true });
		expect(other.response.statusCode).toBe(200);
	});
});
