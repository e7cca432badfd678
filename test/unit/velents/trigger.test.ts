// Velents Trigger with plain objects as n8n's webhook context, as n8n's own trigger tests do.
import { randomUUID } from 'node:crypto';

import { VelentsTrigger } from '../../../nodes/Velents/VelentsTrigger.node';

const SECRET = 'credential-webhook-secret';
const PLATFORM = 'dashboard-shared-secret';

function context(options: { secret?: string; platform?: string; headers?: Record<string, string>; body?: unknown; events?: string[]; staticData?: Record<string, unknown> }) {
	const response = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, end() { return this; }, json(b: unknown) { this.body = b; return this; } };
	const node = { name: 'Velents Trigger', credentials: options.secret === undefined ? {} : { velentsAgentApi: { id: '1', name: 'agent' } } };
	return {
		response,
		ctx: {
			getNode: () => node,
			getWorkflow: () => ({ id: randomUUID() }),
			getNodeParameter: (name: string, fallback?: unknown) =>
				({ platformAuthorization: options.platform ?? '', events: options.events ?? ['onStarted', 'onMessage', 'onUpdate', 'onEnded', 'ondone'] } as Record<string, unknown>)[name] ?? fallback,
			getCredentials: async () => ({ token: 't', webhookSecret: options.secret }),
			getHeaderData: () => options.headers ?? {},
			getBodyData: () => options.body ?? {},
			getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(options.body ?? {})) }),
			getWorkflowStaticData: () => options.staticData ?? {},
			getResponseObject: () => response,
		},
	};
}

const started = {
	event: { type: 'onStarted', about: 'conversation' },
	agent: { id: 4, public: 'boddy_rahsaan_Agent_4' },
	conversation: { id: 4, phone: '+201145803442', values: { company_name: 'acme', order_id: '1212' }, created_at: '2025-11-13 23:24:50' },
	result: { extraction: [] },
	crm_id: '42',
};

describe('Velents Trigger', () => {
	const trigger = new VelentsTrigger();

	it('emits a flattened item for a delivery carrying the credential secret', async () => {
		const { ctx } = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: started });
		const result = await trigger.webhook.call(ctx as never);
		expect(result.workflowData?.[0][0].json).toEqual({
			eventId: expect.stringMatching(/^body_[0-9a-f]{32}$/),
			eventType: 'onStarted',
			about: 'conversation',
			agentId: 4,
			agentPublicId: 'boddy_rahsaan_Agent_4',
			conversationId: 4,
			phone: '+201145803442',
			values: { company_name: 'acme', order_id: '1212' },
			createdAt: '2025-11-13 23:24:50',
			extraction: {},
			customerMessage: undefined,
			agentMessage: undefined,
			messageTimestamp: undefined,
			history: [],
			recordingUrl: undefined,
			goals: undefined,
			custom: { crm_id: '42' },
			event: started.event,
			agent: started.agent,
			conversation: started.conversation,
			result: started.result,
		});
	});

	it('flattens messages, extraction and history of onUpdate', async () => {
		const body = {
			event: { type: 'onUpdate', about: 'conversation' },
			conversation: { id: 4, phone: '+201145803442', values: {} },
			result: {
				extraction: { customer_name: 'shady' },
				message: { customer: 'my name is shady', agent: 'حياك يا Shady!', timestamp: '2025-11-13T23:25:48Z' },
				history: [{ role: 'agent', message: 'مرحبا', timestamp: 't1' }],
			},
		};
		const { ctx } = context({ platform: PLATFORM, headers: { 'x-velents-authorization': PLATFORM }, body });
		const json = (await trigger.webhook.call(ctx as never)).workflowData?.[0][0].json;
		expect(json).toMatchObject({ eventType: 'onUpdate', extraction: { customer_name: 'shady' }, customerMessage: 'my name is shady', agentMessage: 'حياك يا Shady!', history: [{ role: 'agent', message: 'مرحبا', timestamp: 't1' }] });
	});

	it('accepts the older ondone/call shape', async () => {
		const body = {
			event: { type: 'ondone', about: 'call' },
			call: { id: 55, phone: '+966500000001', values: { order_id: '77' } },
			result: { recording: 'rec.mp3', call_recording_url: 'https://cdn.example.com/rec-55.mp3', history: [{ role: 'assistant', content: 'Hello!', timeAdded: '2025-11-13 23:25:10' }], goals: { booked: true } },
		};
		const { ctx } = context({ secret: SECRET, headers: { 'X-Webhook-Secret': SECRET }, body });
		const json = (await trigger.webhook.call(ctx as never)).workflowData?.[0][0].json;
		expect(json).toMatchObject({ eventType: 'ondone', about: 'call', conversationId: 55, recordingUrl: 'https://cdn.example.com/rec-55.mp3', goals: { booked: true }, history: [{ role: 'assistant', message: 'Hello!', timestamp: '2025-11-13 23:25:10' }] });
	});

	it.each([
		['a missing secret header', { secret: SECRET, headers: {} }],
		['a wrong secret header', { secret: SECRET, headers: { 'x-webhook-secret': 'guess' } }],
		['a wrong platform value', { platform: PLATFORM, headers: { 'x-velents-authorization': 'nope' } }],
		['a right secret but a wrong platform value when both are set', { secret: SECRET, platform: PLATFORM, headers: { 'x-webhook-secret': SECRET, 'x-velents-authorization': 'nope' } }],
		['nothing configured at all', { headers: { 'x-webhook-secret': '' } }],
	])('answers 401 to %s and starts nothing', async (_name, options) => {
		const { ctx, response } = context({ ...options, body: started });
		expect(await trigger.webhook.call(ctx as never)).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
	});

	it('answers 400 to a body without event.type, and 200 without a run to an unselected event', async () => {
		const bad = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: { hello: 'world' } });
		expect(await trigger.webhook.call(bad.ctx as never)).toEqual({ noWebhookResponse: true });
		expect(bad.response.statusCode).toBe(400);
		const unselected = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: started, events: ['onEnded'] });
		expect(await trigger.webhook.call(unselected.ctx as never)).toEqual({ noWebhookResponse: true });
		expect(unselected.response.statusCode).toBe(200);
	});

	it('refuses to activate when no secret is configured', async () => {
		const { ctx } = context({});
		await expect(trigger.webhookMethods.default.create.call(ctx as never)).rejects.toThrow('Deliveries cannot be authenticated');
		const configured = context({ secret: SECRET });
		await expect(trigger.webhookMethods.default.create.call(configured.ctx as never)).resolves.toBe(true);
	});

	it('runs a delivery once: the same body again gets 200 and starts nothing', async () => {
		const staticData: Record<string, unknown> = {};
		const first = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: started, staticData });
		expect((await trigger.webhook.call(first.ctx as never)).workflowData).toHaveLength(1);
		const replay = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: started, staticData });
		expect(await trigger.webhook.call(replay.ctx as never)).toEqual({ noWebhookResponse: true });
		expect(replay.response.statusCode).toBe(200);
		const next = context({ secret: SECRET, headers: { 'x-webhook-secret': SECRET }, body: { ...started, event: { type: 'onEnded', about: 'conversation' } }, staticData });
		expect((await trigger.webhook.call(next.ctx as never)).workflowData).toHaveLength(1);
	});
});
